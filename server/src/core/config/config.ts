import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { loadCatalog } from '../catalog';
import { isRecord, type StructuredDoc } from '../parse/document';
import { rangeOfSchemaError } from '../parse/schema-range';
import { parseToml } from '../parse/toml';
import { parseYaml } from '../parse/yaml';
import { practiceCatalog } from '../practices/catalog';
import { FIRST_LINE, LineIndex } from '../text';
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
  validator ??= new Ajv2020({ strict: true, allErrors: true }).compile(loadCatalog<object>('config.schema.json'));
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
    return resolve(doc.value ?? {}, doc, file, '', knownRuleIds);
  }
  const pyproject = read('pyproject.toml');
  if (pyproject !== undefined) {
    const doc = parseToml(pyproject, new LineIndex(pyproject));
    const tool = isRecord(doc.value) && isRecord(doc.value.tool) ? doc.value.tool : undefined;
    if (tool && 'mlmaturity' in tool) return resolve(tool.mlmaturity, doc, 'pyproject.toml', '/tool/mlmaturity', knownRuleIds);
  }
  return { config: { ...DEFAULT_CONFIG }, problems: [] };
}

function resolve(value: unknown, doc: StructuredDoc, file: string, base: string, knownRuleIds: Set<string>): LoadedConfig {
  const problems: Finding[] = [];
  const check = validate();
  if (!check(value)) {
    for (const e of dedupe(check.errors ?? [])) problems.push(configFinding(file, describe(e), rangeOfSchemaError(doc, e, base)));
    return { config: { ...DEFAULT_CONFIG }, file, problems };
  }
  const raw = value as Omit<Partial<MaturityConfig>, 'practices'> & { practices?: Record<string, unknown> };
  const practiceIds = new Set(practiceCatalog().practices.map((p) => p.id));
  for (const id of Object.keys(raw.rules ?? {})) {
    if (!knownRuleIds.has(id)) problems.push(unknownId(file, doc, `${base}/rules/${escape(id)}`, id, 'rule', [...knownRuleIds]));
  }
  const practices: Record<string, number | 'off'> = {};
  for (const [id, setting] of Object.entries(raw.practices ?? {})) {
    if (!practiceIds.has(id)) problems.push(unknownId(file, doc, `${base}/practices/${escape(id)}`, id, 'practice', [...practiceIds]));
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

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unknownId(file: string, doc: StructuredDoc, pointer: string, id: string, what: string, known: string[]): Finding {
  const closest = closestId(id, known);
  const message = `Unknown ${what} id '${id}'${closest ? `; did you mean '${closest}'?` : '.'}`;
  return { ruleId: 'config/unknown-rule', severity: 'warning', message, file, range: doc.locate(pointer, 'key') ?? FIRST_LINE, pointer };
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
