import type { ErrorObject } from 'ajv';
import { loadCatalog } from '../catalog';
import { buildFix, renderMessage, resolveTemplate, isResolved, type TemplateContext } from '../fix/build';
import type { Fix } from '../fix/types';
import type { ProjectFiles } from '../model/files';
import type { ScannedFile } from '../scan/walk';
import type { ProjectModel } from '../model/types';
import { dockerfileDocument } from '../parse/dockerfile';
import { formatPointer, isRecord, parsePointer, valueAt, type StructuredDoc } from '../parse/document';
import { iniDocument } from '../parse/ini-doc';
import { requirementsDocument } from '../parse/requirements';
import { rangeOfSchemaError } from '../parse/schema-range';
import picomatch from 'picomatch';
import { FIRST_LINE, sameRange, type Range } from '../text';
import type { Finding, Severity } from '../types';
import type { FileResult, RuleCache } from './rule-cache';
import type { LoadedRule } from './types';
import { plainView, type RuleDoc } from './view';
import { VIEWS } from './views';

export interface RuleSettings {
  targetLevel: number;
  knownVersions: Map<string, string>;
  /** Where rules over the whole project model report when they name no anchor: the config file, else the README. */
  projectAnchor: string;
}

let formats: Map<string, string> | undefined;

function formatOf(kind: string): string {
  formats ??= new Map(loadCatalog<{ kinds: { kind: string; format: string }[] }>('file-kinds.json').kinds.map((k) => [k.kind, k.format]));
  return formats.get(kind) ?? 'text';
}

/** The documents of a file as rules read them; a file that does not parse gives none (its syntax error is reported). */
function documentsOf(files: ProjectFiles, path: string, kind: string): StructuredDoc[] {
  switch (formatOf(kind)) {
    case 'yaml': {
      const y = files.yaml(path);
      return y && !y.problems.some((p) => p.severity === 'error') ? y.documents : [];
    }
    case 'toml': {
      const t = files.toml(path);
      return t && !t.problems.length ? [t] : [];
    }
    case 'json': {
      const j = files.json(path);
      return j && !j.problems.length ? [j] : [];
    }
    case 'requirements': {
      const r = files.requirements(path);
      return r ? [requirementsDocument(r)] : [];
    }
    case 'dockerfile': {
      const d = files.dockerfile(path);
      return d ? [dockerfileDocument(d)] : [];
    }
    case 'ini': {
      const i = files.ini(path);
      return i ? [iniDocument(i)] : [];
    }
    default:
      return [];
  }
}

/**
 * Findings by file (files without any left out), and the rules that threw. A file's list is its
 * cache entry's own array: unchanged results reach the end of an analysis as the same objects.
 */
export function evaluateRules(rules: LoadedRule[], files: ProjectFiles, model: ProjectModel, settings: RuleSettings, cache?: RuleCache): { byFile: Map<string, Finding[]>; failures: { rule: string; error: string }[] } {
  const byKind = new Map<string, LoadedRule[]>();
  for (const rule of rules) for (const kind of rule.meta.target.kinds) byKind.set(kind, [...(byKind.get(kind) ?? []), rule]);
  // Several rules read a file through the same view: compute it once per document.
  const views = new Map<StructuredDoc, Map<string, RuleDoc>>();
  const viewOf = (rule: LoadedRule, doc: StructuredDoc, path: string): RuleDoc => {
    const name = rule.meta.target.view ?? '';
    let byName = views.get(doc);
    if (!byName) views.set(doc, (byName = new Map()));
    let view = byName.get(name);
    if (!view) {
      const make = name ? VIEWS[name] : undefined;
      if (name && !make) throw new Error(`unknown view '${name}'`);
      view = make ? make(doc, { files, model, path, knownVersions: settings.knownVersions }) : plainView(doc);
      byName.set(name, view);
    }
    return view;
  };
  const store = cache?.store;
  if (cache) {
    const viewNames = [...new Set(rules.map((r) => r.meta.target.view ?? ''))];
    cache.store.begin(files, settings.targetLevel, viewNames.map((v) => `${v}=${cache.viewShared(v)}`).join('|'), cache.changed);
  }
  const found = store?.findings ?? new Map<string, Finding[]>();
  const failing = store?.failures ?? new Map<string, { rule: string; error: string }[]>();

  const evaluateFile = (f: ScannedFile, kindRules: LoadedRule[], kindViews: string[]): FileResult => {
    const version = cache ? cache.versionOf(f.path) : 0;
    const viewsKey = cache ? cache.store.viewsKey(cache, kindViews, f.path) : '';
    const hit = store?.entries.get(f.path);
    if (hit && hit.version === version && hit.level === settings.targetLevel && hit.views === viewsKey && (hit.answeredBy === files || files.answersAsBefore(hit.probes))) {
      hit.answeredBy = files;
      return hit;
    }
    const findings: Finding[] = [];
    const failures: { rule: string; error: string }[] = [];
    if (cache) files.recordProbes();
    // Read once for all the kind's rules, when the first of them applies to the file.
    let docs: StructuredDoc[] | undefined;
    for (const rule of kindRules) {
      const globs = globsOf(rule);
      if (globs && !globs(f.path)) continue;
      try {
        // An empty document is the practices' business (an empty workflow runs nothing), not a rule's.
        for (const doc of (docs ??= documentsOf(files, f.path, f.kind!))) {
          if (doc.value !== null && doc.value !== undefined) findings.push(...evaluateDoc(rule, viewOf(rule, doc, f.path), files, f.path, settings, cache?.currentFiles));
        }
      } catch (err) {
        // One rule that throws must not take the others down: it is reported once and skipped.
        failures.push({ rule: rule.meta.id, error: `${f.path}: ${(err as Error).message}` });
      }
    }
    if (store) store.entries.set(f.path, { version, level: settings.targetLevel, views: viewsKey, probes: files.probed(), answeredBy: files, findings, failures });
    return { findings, failures };
  };
  const viewsOf = (kindRules: LoadedRule[]) => [...new Set(kindRules.map((r) => r.meta.target.view ?? ''))];
  const note = (path: string, result: FileResult) => {
    if (result.findings.length) found.set(path, result.findings);
    else found.delete(path);
    if (result.failures.length) failing.set(path, result.failures);
    else failing.delete(path);
  };

  const recheck = store?.rechecked();
  if (recheck) {
    // Nothing but these can have changed: the others' results stay in the store as they are.
    for (const path of recheck) {
      const f = files.get(path);
      const kindRules = f?.kind && f.kind !== 'project' ? byKind.get(f.kind) : undefined;
      if (f && kindRules) note(path, evaluateFile(f, kindRules, viewsOf(kindRules)));
    }
  } else {
    found.clear();
    failing.clear();
    for (const [kind, kindRules] of byKind) {
      if (kind === 'project') continue;
      const kindViews = viewsOf(kindRules);
      for (const f of files.ofKind(kind)) note(f.path, evaluateFile(f, kindRules, kindViews));
    }
  }

  store?.finish();
  // A copy, which the caller may change: the store's map is the next edit's starting point.
  const byFile = new Map(found);
  for (const rule of byKind.get('project') ?? []) {
    const anchor = rule.meta.target.anchor ?? settings.projectAnchor;
    const more = evaluateDoc(rule, viewOf(rule, modelDocument(model), ''), files, anchor, settings, cache?.currentFiles);
    if (more.length) byFile.set(anchor, [...(byFile.get(anchor) ?? []), ...more]);
  }
  return { byFile, failures: [...failing.values()].flat() };
}

/** A rule's file globs compiled once per rule, not at every analysis (an edit is one). */
const compiledGlobs = new WeakMap<LoadedRule, ((path: string) => boolean) | null>();

function globsOf(rule: LoadedRule): ((path: string) => boolean) | undefined {
  let matcher = compiledGlobs.get(rule);
  if (matcher === undefined) compiledGlobs.set(rule, (matcher = rule.meta.target.globs?.length ? picomatch(rule.meta.target.globs, { dot: true }) : null));
  return matcher ?? undefined;
}

/** The project model as a document: rules over it report on their anchor file's first line. */
function modelDocument(model: ProjectModel): StructuredDoc {
  return { value: JSON.parse(JSON.stringify(model)), problems: [], locate: () => undefined };
}

function evaluateDoc(rule: LoadedRule, view: RuleDoc, files: ProjectFiles, path: string, settings: RuleSettings, current?: () => ProjectFiles): Finding[] {
  if (rule.validate(view.value)) return [];
  const out: Finding[] = [];
  for (const error of significant(rule.validate.errors ?? [])) {
    const context = errorContext(error, view, path);
    let basePointer = String(context.basePointer);
    if (rule.meta.reportAt) {
      const at = resolveTemplate(rule.meta.reportAt, context);
      if (!isResolved(at)) continue;
      basePointer = String(at);
    }
    const range = refine(rule.meta.reportAt ? locateReport(view.base, basePointer) : rangeOfSchemaError(view, error), view.base, basePointer, files, path);
    const finding: Finding = {
      ruleId: rule.meta.id,
      severity: severityFor(rule.meta.severity, rule.meta.level, settings.targetLevel),
      message: renderMessage(messageFor(rule.meta.message, error.keyword), context),
      file: path,
      range,
      pointer: basePointer,
    };
    if (rule.meta.practice) {
      finding.practice = rule.meta.practice;
      finding.level = rule.meta.level;
    }
    // Built up rather than spread or mapped: one finding per error, thousands of them on a large tree.
    const specs = rule.meta.fixes;
    if (specs) {
      const fixes: Fix[] = [];
      for (let i = 0; i < specs.length; i++) {
        const fix = buildFix(specs[i], { files, current, file: path, doc: view.base, ctx: context }, i === 0);
        if (fix) fixes.push(fix);
      }
      if (fixes.length) {
        fixes[0].isPreferred = true;
        finding.fixes = fixes;
      }
    }
    out.push(finding);
  }
  // Repeats (one place, one message) are left to the findings' sort, which drops them across all sources.
  return out;
}

/** Combinator errors explain themselves: drop `if` echoes and the branch errors under a failed anyOf/oneOf. */
function significant(errors: ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.schemaPath + '/');
  return errors.filter((e) => e.keyword !== 'if' && !combinators.some((c) => e.schemaPath.startsWith(c)));
}

function errorContext(error: ErrorObject, view: RuleDoc, file: string): TemplateContext {
  return new ErrorContext(error, view, file) as unknown as TemplateContext;
}

const INPUTS = Symbol('inputs');

/**
 * What a rule's templates and fix conditions can name about one error. The base pointer is always
 * read; the rest is worked out when a template or condition first asks, once. The getters are on
 * the prototype, so that each of thousands of errors costs one small object; what they read sits
 * under a symbol, out of reach of template names.
 */
class ErrorContext {
  readonly keyword: string;
  readonly param: Record<string, unknown>;
  readonly pointer: string;
  readonly basePointer: string;
  declare missing?: string;
  readonly [INPUTS]: { view: RuleDoc; extra?: string; segments?: readonly string[]; viewSegments?: readonly string[]; memo: Record<string, unknown> };

  constructor(error: ErrorObject, view: RuleDoc, readonly file: string) {
    this.keyword = error.keyword;
    this.param = error.params as Record<string, unknown>;
    this.pointer = error.instancePath;
    this.basePointer = view.toBase(error.instancePath);
    if (typeof this.param.missingProperty === 'string') this.missing = this.param.missingProperty;
    const extra = typeof this.param.additionalProperty === 'string' ? this.param.additionalProperty : undefined;
    this[INPUTS] = { view, extra, memo: {} };
  }

  get fact(): Record<string, unknown> {
    return once(this, 'fact', () => factsOnPath(this[INPUTS].view.value, viewSegmentsOf(this)));
  }

  get item(): Record<string, unknown> | undefined {
    return once(this, 'item', () => nearestItem(this[INPUTS].view.value, viewSegmentsOf(this)));
  }

  get parent(): string {
    return formatPointer(segmentsOf(this).slice(0, -1));
  }

  get key(): string {
    return this.missing ?? this[INPUTS].extra ?? segmentsOf(this).at(-1) ?? '';
  }

  get index(): string {
    return segmentsOf(this).at(-1) ?? '';
  }

  get seg(): Record<string, string> {
    return once(this, 'seg', () => byIndex(segmentsOf(this)));
  }

  get vseg(): Record<string, string> {
    return once(this, 'vseg', () => byIndex(viewSegmentsOf(this)));
  }

  get value(): unknown {
    return once(this, 'value', () => {
      const v = valueAt(this[INPUTS].view.value, this.pointer);
      return typeof v === 'object' ? JSON.stringify(v) : v;
    });
  }
}

// Helpers outside the class: a name on it would be a name templates could read.
function once<T>(ctx: ErrorContext, name: string, make: () => T): T {
  const { memo } = ctx[INPUTS];
  // A plain object rather than a Map: one of these is made for each of thousands of errors.
  if (!(name in memo)) memo[name] = make();
  return memo[name] as T;
}

/** Segments as an object (`{seg.1}`), not the array: a `when` condition's `properties` must apply to it. */
function byIndex(segments: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) out[i] = segments[i];
  return out;
}

function segmentsOf(ctx: ErrorContext): readonly string[] {
  return (ctx[INPUTS].segments ??= parsePointer(ctx.basePointer));
}

function viewSegmentsOf(ctx: ErrorContext): readonly string[] {
  return (ctx[INPUTS].viewSegments ??= parsePointer(ctx.pointer));
}

/** Facts are `$` properties on the way down; below a `$` property every field is a fact. */
function factsOnPath(root: unknown, viewSegments: readonly string[]): Record<string, unknown> {
  const fact: Record<string, unknown> = {};
  let inFact = false;
  let node: unknown = root;
  for (let n = 0; n <= viewSegments.length; n++) {
    if (isRecord(node)) for (const k in node) if (inFact || k.startsWith('$')) fact[inFact ? k : k.slice(1)] = node[k];
    const seg = viewSegments[n];
    if (seg === undefined) break;
    if (seg.startsWith('$')) inFact = true;
    node = Array.isArray(node) ? node[Number(seg)] : isRecord(node) ? node[seg] : undefined;
  }
  return fact;
}

/** The list element an error is in (a requirement, a step, a dependency), for `{item.name}`. */
function nearestItem(value: unknown, segments: readonly string[]): Record<string, unknown> | undefined {
  let item: Record<string, unknown> | undefined;
  let node: unknown = value;
  for (const seg of segments) {
    const parent = node;
    node = Array.isArray(node) ? node[Number(seg)] : isRecord(node) ? node[seg] : undefined;
    if (Array.isArray(parent) && isRecord(node)) item = node;
  }
  return item;
}

function messageFor(message: string | Record<string, string>, keyword: string): string {
  return typeof message === 'string' ? message : message[keyword] ?? message.default;
}

/** A report pointer names a node: its value when that is one line, else its key. */
function locateReport(doc: StructuredDoc, pointer: string): Range {
  if (!pointer) return FIRST_LINE;
  const value = doc.locate(pointer);
  if (value && value.start.line === value.end.line) return value;
  return doc.locate(pointer, 'key') ?? value ?? FIRST_LINE;
}

/** The smallest node: a many-line value is reported on its key; the first line rather than an empty range at 0:0. */
function refine(range: Range, doc: StructuredDoc, pointer: string, files: ProjectFiles, path: string): Range {
  if (range.start.line !== range.end.line) {
    const key = pointer ? doc.locate(pointer, 'key') : undefined;
    if (key && key.start.line === key.end.line && !sameRange(key, range)) return key;
    const lines = files.lines(path);
    // The whole document stands for the file: its first line. A many-line item: its own first line.
    if (lines) return pointer ? { start: range.start, end: lines.lineRange(range.start.line, true).end } : lines.lineRange(0, true);
  }
  if (range === FIRST_LINE || (range.start.line === 0 && range.start.character === 0 && range.end.line === 0 && range.end.character === 0)) {
    return files.lines(path)?.lineRange(0, true) ?? FIRST_LINE;
  }
  return range;
}

function severityFor(severity: Severity, level: number, targetLevel: number): Severity {
  if (level > targetLevel && (severity === 'warning' || severity === 'error')) return 'info';
  return severity;
}
