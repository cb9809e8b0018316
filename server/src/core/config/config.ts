import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { newAjv } from '../ajv';
import { loadCatalog } from '../catalog';
import { formatPointer, isRecord, type StructuredDoc } from '../parse/document';
import { rangeOfSchemaError } from '../parse/schema-range';
import { parseToml } from '../parse/toml';
import { parseYaml } from '../parse/yaml';
import { practiceCatalog } from '../practices/catalog';
import { precompiled } from '../rules/precompiled';
import type { Fix } from '../fix/types';
import { FIRST_LINE, LineIndex, type Range } from '../text';
import type { Finding, SeveritySetting } from '../types';

export interface MaturityConfig {
  targetLevel: number;
  rules: Record<string, SeveritySetting>;
  /** Weight per practice; 'off' leaves it out of the score. */
  practices: Record<string, number | 'off'>;
  exclude: string[];
  largeFileThresholdMB: number;
  maxFileSizeMB: number;
  ruleFolders: string[];
}

export const DEFAULT_CONFIG: MaturityConfig = {
  targetLevel: 2, rules: {}, practices: {}, exclude: [], largeFileThresholdMB: 10, maxFileSizeMB: 5, ruleFolders: [],
};

export const CONFIG_FILES = ['.mlmaturity.yml', '.mlmaturity.yaml'];

export interface LoadedConfig {
  config: MaturityConfig;
  /** Where it came from, repo-relative; undefined for defaults. */
  file?: string;
  problems: Finding[];
}

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  validator ??= precompiled()?.config ?? newAjv({ strict: true, allErrors: true }).compile(loadCatalog<object>('config.schema.json'));
  return validator;
}

/** Reads the config from `.mlmaturity.yml`, else from `[tool.mlmaturity]` in pyproject.toml. */
export function loadConfig(read: (file: string) => string | undefined, knownRuleIds: Set<string>): LoadedConfig {
  for (const file of CONFIG_FILES) {
    const text = read(file);
    if (text === undefined) continue;
    const yaml = parseYaml(text, new LineIndex(text));
    const doc = yaml.documents[0];
    const problems: Finding[] = yaml.problems.filter((p) => p.severity === 'error').map((p) => configFinding(file, p.message, p.range));
    if (problems.length || !doc) return { config: { ...DEFAULT_CONFIG }, file, problems };
    return resolve(doc.value ?? {}, doc, file, '', knownRuleIds, text);
  }
  const pyproject = read('pyproject.toml');
  if (pyproject !== undefined) {
    const doc = parseToml(pyproject, new LineIndex(pyproject));
    const tool = isRecord(doc.value) && isRecord(doc.value.tool) ? doc.value.tool : undefined;
    if (tool && 'mlmaturity' in tool) return resolve(tool.mlmaturity, doc, 'pyproject.toml', '/tool/mlmaturity', knownRuleIds, pyproject);
  }
  return { config: { ...DEFAULT_CONFIG }, problems: [] };
}

function resolve(value: unknown, doc: StructuredDoc, file: string, base: string, knownRuleIds: Set<string>, text: string): LoadedConfig {
  const problems: Finding[] = [];
  const check = validate();
  if (!check(value)) {
    for (const e of dedupe(check.errors ?? [])) {
      const finding = configFinding(file, describe(e), rangeOfSchemaError(doc, e, base));
      const fix = closestValueFix(e, finding, text);
      problems.push(fix ? { ...finding, fixes: [fix] } : finding);
    }
    return { config: { ...DEFAULT_CONFIG }, file, problems };
  }
  const raw = value as Omit<Partial<MaturityConfig>, 'practices'> & { practices?: Record<string, unknown> };
  const practiceIds = new Set(practiceCatalog().practices.map((p) => p.id));
  for (const id of Object.keys(raw.rules ?? {})) {
    if (!knownRuleIds.has(id)) problems.push(unknownId(file, doc, `${base}${formatPointer(['rules', id])}`, id, 'rule', [...knownRuleIds], text));
  }
  const practices: Record<string, number | 'off'> = {};
  for (const [id, setting] of Object.entries(raw.practices ?? {})) {
    if (!practiceIds.has(id)) problems.push(unknownId(file, doc, `${base}${formatPointer(['practices', id])}`, id, 'practice', [...practiceIds], text));
    if (setting === 'off') practices[id] = 'off';
    else if (typeof setting === 'number') practices[id] = setting;
    else if (isRecord(setting)) practices[id] = setting.enabled === false ? 'off' : typeof setting.weight === 'number' ? setting.weight : 1;
  }
  const config: MaturityConfig = {
    ...DEFAULT_CONFIG,
    ...raw,
    rules: { ...(raw.rules ?? {}) },
    practices,
    exclude: [...(raw.exclude ?? [])],
    ruleFolders: [...(raw.ruleFolders ?? [])],
  };
  return { config, file, problems };
}

function unknownId(file: string, doc: StructuredDoc, pointer: string, id: string, what: string, known: string[], text: string): Finding {
  const closest = closestId(id, known);
  const message = `Unknown ${what} id '${id}'${closest ? `; did you mean '${closest}'?` : '.'}`;
  const range = doc.locate(pointer, 'key') ?? FIRST_LINE;
  const finding: Finding = { ruleId: 'config/unknown-rule', severity: 'warning', message, file, range, pointer };
  return closest ? { ...finding, fixes: [replaceFix(file, range, text, closest)] } : finding;
}

/** "Replace with the closest valid value": a mistyped setting name or severity. */
function closestValueFix(e: ErrorObject, finding: Finding, text: string): Fix | undefined {
  const index = new LineIndex(text);
  const written = text.slice(index.offsetAt(finding.range.start), index.offsetAt(finding.range.end)).replace(/^["']|["']$/g, '');
  let candidates: string[] = [];
  if (e.keyword === 'enum') candidates = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
  else if (e.keyword === 'additionalProperties' && e.instancePath === '') candidates = Object.keys(loadCatalog<{ properties: object }>('config.schema.json').properties);
  const closest = candidates.length ? closestId(written, candidates) : undefined;
  return closest && closest !== written ? replaceFix(finding.file, finding.range, text, closest) : undefined;
}

/** Replaces a key or value in place, keeping its quotes. */
function replaceFix(file: string, range: Range, text: string, replacement: string): Fix {
  const index = new LineIndex(text);
  const original = text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
  const quote = /^["']/.test(original) ? original[0] : '';
  return { title: `Replace with '${replacement}'`, safe: false, isPreferred: true, edits: [{ file, range, newText: `${quote}${replacement}${quote}` }], creates: [] };
}

function describe(e: ErrorObject): string {
  const where = e.instancePath ? `'${e.instancePath.slice(1).replace(/\//g, '.')}'` : 'The configuration';
  switch (e.keyword) {
    case 'additionalProperties':
      return `Unknown setting '${(e.params as { additionalProperty: string }).additionalProperty}'${e.instancePath ? ` in ${where}` : ''}.`;
    case 'enum':
      return `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}.`;
    case 'anyOf':
      return `${where} must be a weight (a number >= 0), off, or { weight, enabled }.`;
    default:
      return `${where} ${e.message ?? 'is invalid'}.`;
  }
}

/** anyOf reports every branch's error too; keep the anyOf one where there is one for a path. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword !== 'anyOf' && [...anyOfPaths].some((p) => e.instancePath.startsWith(p))) return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function configFinding(file: string, message: string, range = FIRST_LINE): Finding {
  return { ruleId: 'config/schema', severity: 'error', message, file, range };
}

/** Levenshtein distance, for "did you mean". */
export function closestId(id: string, known: string[]): string | undefined {
  // An abbreviation ("warn") is closer than any edit distance says.
  const prefixed = known.filter((k) => id.length >= 3 && k.toLowerCase().startsWith(id.toLowerCase()));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(id.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(id.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
