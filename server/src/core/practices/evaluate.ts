import type { default as Ajv2020, ValidateFunction } from 'ajv/dist/2020';
import { newAjv } from '../ajv';
import type { ProjectModel } from '../model/types';
import type { ProjectFiles } from '../model/files';
import { capitalise, FIRST_LINE, sameRange, type Range } from '../text';
import type { Evidence, Finding, PracticeResult, Severity, SeveritySetting } from '../types';
import { precompiled } from '../rules/precompiled';
import { practiceCatalog, type PracticeDefinition } from './catalog';

export interface PracticeSettings {
  targetLevel: number;
  /** Weight per practice id; 0 or 'off' turns it off (not applicable). */
  weights: Record<string, number | 'off'>;
  severities: Record<string, SeveritySetting>;
}

interface CompiledPractice {
  def: PracticeDefinition;
  met: ValidateFunction;
  partial?: ValidateFunction;
}

let compiledCache: CompiledPractice[] | undefined;

function compiled(): CompiledPractice[] {
  if (compiledCache) return compiledCache;
  // Signals are open-ended: a practice may require a signal that no schema lists among its properties.
  let ajv: Ajv2020 | undefined;
  const compile = (schema: object) => (ajv ??= newAjv({ strict: true, strictRequired: false, allErrors: false })).compile(schema);
  const built = precompiled()?.practices;
  compiledCache = practiceCatalog().practices.map((def) => ({
    def,
    met: built?.[`met:${def.id}`] ?? compile(def.met),
    partial: def.partial ? built?.[`partial:${def.id}`] ?? compile(def.partial) : undefined,
  }));
  return compiledCache;
}

export function evaluatePractices(model: ProjectModel, settings: PracticeSettings): PracticeResult[] {
  return compiled().map(({ def, met, partial }) => {
    const weightSetting = settings.weights[def.id];
    const weight = typeof weightSetting === 'number' ? weightSetting : 1;
    const base = { id: def.id, title: def.title, level: def.level, category: def.category, weight };
    if (weightSetting === 'off' || weight === 0) {
      return { ...base, verdict: 'not-applicable', summary: `${def.title}: turned off in the configuration.`, reason: 'turned off in the configuration', evidence: [] };
    }
    const signals = model.signals;
    const gather = (names: string[] | undefined): Evidence[] => (names ?? []).flatMap((n) => signals[n] ?? []);
    if (met(model)) {
      const evidence = gather(def.evidence);
      return { ...base, verdict: 'met', summary: evidence[0] ? `${def.title}: ${evidence[0].detail}.` : `${def.title}.`, evidence };
    }
    if (partial?.(model)) {
      return { ...base, verdict: 'partial', summary: def.partialText ?? def.missing, evidence: [...gather(def.evidence), ...gather(def.findingsPer ? [def.findingsPer] : [])] };
    }
    const problems = gather(def.problems);
    const summary = problems.length ? `${def.missing} ${capitalise(problems[0].detail)}.` : def.missing;
    return { ...base, verdict: 'missing', summary, evidence: [...problems, ...gather(def.findingsPer ? [def.findingsPer] : [])] };
  });
}

/** The findings last made for a practice result: later steps of an edit skip the objects they have seen. */
const lastFindings = new WeakMap<PracticeResult, { model: ProjectModel; severity: Severity; list: Finding[] }>();

/** Findings for missing and partial practices, anchored on the most relevant existing file. */
export function practiceFindings(results: PracticeResult[], model: ProjectModel, files: ProjectFiles, settings: PracticeSettings): Finding[] {
  const defs = new Map(practiceCatalog().practices.map((d) => [d.id, d]));
  const out: Finding[] = [];
  for (const r of results) {
    if (r.verdict !== 'missing' && r.verdict !== 'partial') continue;
    const def = defs.get(r.id);
    if (!def) continue;
    const severity = severityFor(def, settings);
    if (!severity) continue;
    const tools = `Tools that help: ${def.tools.join(', ')}.`;
    const base = { ruleId: def.id, severity, practice: def.id, level: def.level };
    const last = lastFindings.get(r);
    const same = last?.model === model && last.severity === severity ? last.list : undefined;
    const each = def.findingsPer ? model.signals[def.findingsPer] ?? [] : [];
    let list: Finding[];
    if (each.length) {
      list = same ?? each.map((e): Finding => ({ ...base, file: e.file, range: e.range ?? FIRST_LINE, message: `${def.title} (${def.id}): ${e.detail}. ${tools}` }));
    } else {
      // The anchor reads the tree and the anchor file's first line: looked for again, the finding kept if it lands where it was.
      const anchor = anchorFor(def, model, files);
      list = same?.length === 1 && same[0].file === anchor.file && sameRange(same[0].range, anchor.range) ? same : [{ ...base, file: anchor.file, range: anchor.range, message: `${def.title} (${def.id}): ${r.summary} ${tools}` }];
    }
    if (list !== same) lastFindings.set(r, { model, severity, list });
    for (let i = 0; i < list.length; i++) out.push(list[i]);
  }
  return out;
}

function severityFor(def: PracticeDefinition, settings: PracticeSettings): Severity | undefined {
  const configured = settings.severities[def.id];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  // Advice above the target level is information, not a warning: a prototype is not buried in production advice.
  return def.level <= settings.targetLevel ? 'warning' : 'info';
}

const FALLBACK_ANCHORS = ['kind:readme', 'dependency-manifest', 'kind:pyproject', 'kind:requirements', 'ci-definition'];

export function anchorFor(def: PracticeDefinition, model: ProjectModel, files: ProjectFiles): { file: string; range: Range } {
  for (const anchor of [...(def.problems ?? []), ...(def.anchor ?? []), ...FALLBACK_ANCHORS]) {
    if (anchor.startsWith('kind:')) {
      const candidates = files.ofKind(anchor.slice(5));
      // A package marker or an empty file says little; prefer a file with something in it.
      const f = candidates.find((c) => !c.path.endsWith('__init__.py') && !files.isEmpty(c.path)) ?? candidates[0];
      if (f) return { file: f.path, range: firstLine(files, f.path) };
    } else {
      const e = model.signals[anchor]?.find((x) => files.has(x.file));
      if (e) return { file: e.file, range: e.range ?? FIRST_LINE };
    }
  }
  // A repo with none of those still gets a file and a line: the first file, or the README it should have.
  return { file: files.files[0]?.path ?? 'README.md', range: files.files[0] ? firstLine(files, files.files[0].path) : FIRST_LINE };
}

function firstLine(files: ProjectFiles, path: string): Range {
  return files.firstLine(path) ?? FIRST_LINE;
}
