import type { default as Ajv2020, ValidateFunction } from 'ajv/dist/2020';
import { newAjv } from '../ajv';
import fs = require('fs');
import path = require('path');
import { schemasDir } from '../catalog';
import type { ProjectFiles } from '../model/files';
import { isRecord, parsePointer, valueAt, type StructuredDoc } from '../parse/document';
import type { YamlDoc } from '../parse/yaml';
import { LineIndex, type Range } from '../text';
import { precompiled } from '../rules/precompiled';
import type { EditSpec, FixSpec } from '../rules/types';
import type { Fix, FileCreate, TextEdit } from './types';
import { YamlEditor } from './yaml-edit';

/** What templates in a fix or message may name: `{key}`, `{fact.scripts}`, `{param.missingProperty}`, `{seg.1}`. */
export type TemplateContext = Record<string, unknown>;

const UNRESOLVED = Symbol('unresolved');

/** `{a.b}` paths into the context; a whole-string template keeps the value's type (a list stays a list). */
export function resolveTemplate(template: unknown, ctx: TemplateContext): unknown {
  if (typeof template === 'string') {
    const parts = templateParts(template);
    if (parts.length === 1 && typeof parts[0] !== 'string') return lookup(ctx, parts[0]);
    return fill(parts, ctx, false);
  }
  if (Array.isArray(template)) {
    const items = template.map((t) => resolveTemplate(t, ctx));
    return items.includes(UNRESOLVED) ? UNRESOLVED : items;
  }
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) {
      const key = resolveTemplate(k, ctx);
      const value = resolveTemplate(v, ctx);
      if (key === UNRESOLVED || value === UNRESOLVED) return UNRESOLVED;
      out[String(key)] = value;
    }
    return out;
  }
  return template;
}

export function isResolved(v: unknown): boolean {
  return v !== UNRESOLVED;
}

/** A template as its text and the `{a.b}` names in it, each name split into its path; parsed once per template. */
type TemplatePart = string | string[];
const parsedTemplates = new Map<string, TemplatePart[]>();

function templateParts(template: string): TemplatePart[] {
  let parts = parsedTemplates.get(template);
  if (!parts) {
    parts = [];
    let at = 0;
    for (const m of template.matchAll(/\{([\w.$-]+)\}/g)) {
      if (m.index > at) parts.push(template.slice(at, m.index));
      parts.push(m[1].split('.'));
      at = m.index + m[0].length;
    }
    if (at < template.length || !parts.length) parts.push(template.slice(at));
    parsedTemplates.set(template, parts);
  }
  return parts;
}

function lookup(ctx: TemplateContext, path: string[]): unknown {
  let cur: unknown = ctx;
  for (const part of path) {
    if (cur && typeof cur === 'object' && part in (cur as object)) cur = (cur as Record<string, unknown>)[part];
    else return UNRESOLVED;
  }
  // A fix never guesses: an unknown fact, or an empty list of them, means no fix.
  if (cur === undefined || (Array.isArray(cur) && cur.length === 0)) return UNRESOLVED;
  return cur;
}

/** Renders a message template; unknown names are left as written rather than failing the finding. */
export function renderMessage(template: string, ctx: TemplateContext): string {
  return fill(templateParts(template), ctx, true) as string;
}

/** A template's text with its names filled in; an unknown name is kept as written, or makes the whole unresolved. */
function fill(parts: TemplatePart[], ctx: TemplateContext, keepUnknown: boolean): string | typeof UNRESOLVED {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const v = lookup(ctx, part);
    if (v === UNRESOLVED && !keepUnknown) return UNRESOLVED;
    out += v === UNRESOLVED ? `{${part.join('.')}}` : typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

export interface FixEnv {
  files: ProjectFiles;
  /** The project's files when the edits are computed, if that can be later than the analysis. */
  current?: () => ProjectFiles;
  /** The file the finding is in, and its parsed document. */
  file: string;
  doc: StructuredDoc;
  ctx: TemplateContext;
}

// `when` schemas are the rules' own, checked by the meta-schema in tests: compiling the meta-schema at start-up is not worth it.
// Options must match scripts/precompile.mjs, which compiles the built-in rules' ones at build time.
let whenAjv: Ajv2020 | undefined;
const whenValidators = new WeakMap<object, ValidateFunction>();

function whenValidator(schema: object): ValidateFunction {
  let validate = whenValidators.get(schema);
  if (!validate) {
    validate = precompiled()?.when[JSON.stringify(schema)] ?? (whenAjv ??= newAjv({ strict: false, validateSchema: false })).compile(schema);
    whenValidators.set(schema, validate);
  }
  return validate;
}

type Made = TextEdit | FileCreate;

/**
 * Turns a rule's fix description into a fix, or undefined when a value it needs is unknown. The
 * templates are resolved now; the edits, which need the file's full syntax tree, are computed
 * on first use (a quick-fix asked for, fix-all, `--fix`), so that findings cost no tree.
 */
export function buildFix(spec: FixSpec & { when?: object }, env: FixEnv, isPreferred: boolean): Fix | undefined {
  if (spec.when && !whenValidator(spec.when)(env.ctx)) return undefined;
  const title = resolveTemplate(spec.title, env.ctx);
  if (!isResolved(title)) return undefined;
  // The edits are made against the files of the time they are asked for, not kept from this analysis.
  const files = env.current ?? constant(env.files);
  const target: EditTarget = { files, file: env.file, doc: env.doc };
  const plans: (() => Made | undefined)[] = [];
  for (const e of spec.edits) {
    const plan = planEdit(e, env, target);
    if (!plan) return undefined;
    plans.push(plan);
  }
  const snapshot = env.files.text(env.file);
  return new LazyFix({ title: String(title), safe: !!spec.safe && !spec.snippet, isPreferred, ...(spec.snippet ? { snippet: true } : {}) }, () => {
    // Edits are offsets into the text the finding was made on: none once that text has changed.
    if (files().text(target.file) !== snapshot) return undefined;
    const edits: TextEdit[] = [];
    const creates: FileCreate[] = [];
    for (const plan of plans) {
      const made = plan();
      if (!made) return undefined;
      if ('range' in made) edits.push(made);
      else creates.push(made);
    }
    return { edits, creates };
  });
}

function constant<T>(value: T): () => T {
  return () => value;
}

/**
 * A fix whose edits are computed once, when first read; a fix that cannot be made has none. The
 * getters sit on the prototype: accessors made for each object (a literal's or defineProperties')
 * cost 2-4 µs each, and a large tree's findings carry thousands of fixes.
 */
class LazyFix implements Fix {
  readonly title: string;
  readonly safe: boolean;
  isPreferred: boolean;
  readonly snippet?: boolean;
  #compute: () => Pick<Fix, 'edits' | 'creates'> | undefined;
  #made?: Pick<Fix, 'edits' | 'creates'>;

  constructor(fix: Omit<Fix, 'edits' | 'creates'>, compute: () => Pick<Fix, 'edits' | 'creates'> | undefined) {
    this.title = fix.title;
    this.safe = fix.safe;
    this.isPreferred = fix.isPreferred;
    if (fix.snippet) this.snippet = true;
    this.#compute = compute;
  }

  get edits(): TextEdit[] {
    return this.#result().edits;
  }

  get creates(): FileCreate[] {
    return this.#result().creates;
  }

  #result(): Pick<Fix, 'edits' | 'creates'> {
    return (this.#made ??= this.#compute() ?? { edits: [], creates: [] });
  }
}

type EditValues = { value: unknown; key: unknown; after?: number; find: unknown; replace: unknown; text: unknown };

/** The templated fields an edit cannot be made without, by operation. */
const RESOLVED_FIELDS: Record<string, (keyof EditValues)[]> = {
  'insert-key': ['value'], 'add-item': ['value'], 'item-to-mapping': ['value'], 'replace-value': ['value'], 'replace-text': ['find', 'replace'], 'insert-line': ['text'],
};

interface EditTarget {
  files: () => ProjectFiles;
  file: string;
  doc: StructuredDoc;
}

/** Resolves an edit's templates now; the returned function makes the edit against the text. */
function planEdit(spec: EditSpec, env: FixEnv, target: EditTarget): (() => Made | undefined) | undefined {
  const r = (v: unknown) => resolveTemplate(v, env.ctx);
  if (spec.op === 'create-file') {
    const file = r(spec.path);
    const text = spec.template ? r(templateText(spec.template)) : r(spec.text ?? '');
    if (!isResolved(file) || !isResolved(text) || env.files.has(String(file))) return undefined;
    return constant<Made>({ file: String(file), text: String(text) });
  }
  const fileName = spec.file ? r(spec.file) : env.file;
  const at = r(spec.at);
  if (!isResolved(fileName) || !isResolved(at)) return undefined;
  const fields = spec as { value?: unknown; key?: unknown; after?: unknown; find?: unknown; replace?: unknown; text?: unknown };
  const values = { value: r(fields.value), key: r(fields.key), after: fields.after === undefined ? undefined : Number(r(fields.after)), find: r(fields.find), replace: r(fields.replace), text: r(fields.text) };
  if ((RESOLVED_FIELDS[spec.op] ?? []).some((k) => !isResolved(values[k]))) return undefined;
  if (spec.op === 'add-item' && values.after !== undefined && !Number.isInteger(values.after)) return undefined;
  const file = String(fileName);
  const pointer = String(at);
  const edit = later(spec, file, pointer, values, target);
  const doc = file === env.file ? env.doc : env.files.yaml(file)?.documents[0];
  // Edits placed by a position are made now; those that need a YAML file's syntax tree later,
  // when the node they need is of the right type in the file's values (so a fix offered is a fix made).
  if (!TREE_EDITS.has(spec.op) || !doc || !('ast' in doc)) {
    const made = edit();
    // Not a closure here: it would share this scope, and keep the error's context and its view alive.
    return made && constant<Made>(made);
  }
  return treeEditApplies(spec.op, doc.value, parsePointer(pointer), values.after) ? edit : undefined;
}

const TREE_EDITS = new Set(['insert-key', 'add-item', 'replace-key', 'item-to-mapping', 'replace-value']);

function treeEditApplies(op: string, root: unknown, segments: readonly string[], after: number | undefined): boolean {
  const node = valueAt(root, segments);
  const parent = segments.length ? valueAt(root, segments.slice(0, -1)) : undefined;
  const scalar = node === null || (node !== undefined && typeof node !== 'object');
  switch (op) {
    case 'insert-key':
      return isRecord(node) || (segments.length === 0 ? node === null || node === undefined : node === null && isRecord(parent));
    case 'add-item':
      return Array.isArray(node) && (after === undefined || (after >= 0 && after < node.length));
    case 'replace-key':
      return isRecord(parent) && segments[segments.length - 1] in parent;
    case 'item-to-mapping':
      return Array.isArray(parent) && scalar;
    default:
      return scalar;
  }
}


// A scope of its own, so that the deferred edit holds what it needs and not the whole analysis.
function later(spec: EditSpec, file: string, pointer: string, values: EditValues, target: EditTarget): () => Made | undefined {
  return () => makeEdit(spec, file, pointer, values, target);
}

function makeEdit(spec: EditSpec, file: string, pointer: string, v: EditValues, target: EditTarget): Made | undefined {
  const files = target.files();
  const text = files.text(file) ?? (file === target.file ? undefined : '');
  if (text === undefined) return undefined;
  const lines = files.lines(file) ?? new LineIndex(text);
  const doc = file === target.file ? target.doc : files.yaml(file)?.documents[0];
  const yamlDoc = doc && 'ast' in doc ? (doc as YamlDoc) : undefined;
  const yaml = yamlDoc ? new YamlEditor(file, yamlDoc, lines) : undefined;
  switch (spec.op) {
    case 'insert-key':
      return yaml?.insertKey(pointer, String(v.key), v.value);
    case 'add-item':
      return yaml?.addItem(pointer, v.value, v.after);
    case 'replace-key':
      return yaml?.replaceKey(pointer, String(v.key));
    case 'item-to-mapping':
      return yaml?.itemToMapping(pointer, spec.key, v.value);
    case 'replace-value': {
      if (yaml) return yaml.replaceValue(pointer, v.value);
      const range = doc?.locate(pointer);
      return range ? { file, range, newText: String(v.value) } : undefined;
    }
    case 'replace-text': {
      const range = (doc ?? target.doc).locate(pointer);
      if (!range) return undefined;
      const original = lines.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
      // `$1`..`$9` are groups of `find`; every other character of `replace` is literal (a `$VAR` stays `$VAR`).
      const changed = original.replace(new RegExp(String(v.find), spec.all ? 'g' : ''), (...groups: string[]) => String(v.replace).replace(/\$(\d)/g, (_, n: string) => groups[Number(n)] ?? ''));
      return changed === original ? undefined : { file, range, newText: changed };
    }
    case 'insert-line': {
      const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
      const body = String(v.text).split('\n').join(eol);
      if (spec.where === 'end') {
        const end = lines.text.length;
        const lead = end > 0 && !/\r?\n$/.test(lines.text) ? eol : '';
        return { file, range: lines.rangeOf(end, end), newText: `${lead}${body}${eol}` };
      }
      const range = (doc ?? target.doc).locate(pointer);
      if (!range) return undefined;
      if (spec.where === 'before') {
        const at = lines.offsetAt({ line: range.start.line, character: 0 });
        return { file, range: lines.rangeOf(at, at), newText: `${body}${eol}` };
      }
      const endLine = range.end.line;
      const at = endLine + 1 < lines.lineCount ? lines.offsetAt({ line: endLine + 1, character: 0 }) : lines.text.length;
      const lead = endLine + 1 >= lines.lineCount && !/\r?\n$/.test(lines.text) ? eol : '';
      return { file, range: lines.rangeOf(at, at), newText: `${lead}${body}${eol}` };
    }
    case 'delete-node': {
      const range = (doc ?? target.doc).locate(pointer);
      if (!range) return undefined;
      return { file, range: wholeLines(lines, range), newText: '' };
    }
  }
  return undefined;
}

/** The lines a range covers, with their line breaks: deleting them leaves no blank line behind. */
function wholeLines(lines: LineIndex, range: Range): Range {
  const start = { line: range.start.line, character: 0 };
  const end = range.end.line + 1 < lines.lineCount ? { line: range.end.line + 1, character: 0 } : lines.positionAt(lines.text.length);
  return { start, end };
}

const templateCache = new Map<string, string>();

function templateText(name: string): string {
  let text = templateCache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(schemasDir(), 'templates', name), 'utf8');
    templateCache.set(name, text);
  }
  return text;
}
