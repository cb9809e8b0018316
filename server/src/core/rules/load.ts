import type { default as Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { newAjv } from '../ajv';
import fs = require('fs');
import path = require('path');
import { listJsonFiles, loadCatalog, schemasDir, schemaText } from '../catalog';
import { parseJson } from '../parse/json';
import { rangeOfSchemaError } from '../parse/schema-range';
import { FIRST_LINE, LineIndex } from '../text';
import type { Finding } from '../types';
import { precompiled } from './precompiled';
import { mayBacktrack, patternsOf } from './safe-regex';
import type { LoadedRule, RuleMeta } from './types';

/**
 * One ajv for all rules. `rule` is a registered keyword (the metadata vocabulary), so rule files
 * compile in strict mode without warnings. Properties a rule requires are, by design, often absent
 * from its `properties`, hence strictRequired off.
 */
function ruleAjv(): Ajv2020 {
  const ajv = newAjv({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true, messages: false });
  ajv.addKeyword({ keyword: 'rule', metaSchema: { type: 'object' } });
  return ajv;
}

let sharedAjv: Ajv2020 | undefined;
let metaValidator: ReturnType<Ajv2020['compile']> | undefined;
let builtinCache: LoadedRule[] | undefined;
const customCache = new Map<string, ValidateFunction>();

function ajv(): Ajv2020 {
  return (sharedAjv ??= ruleAjv());
}

function metaValidate() {
  return (metaValidator ??= newAjv({ strict: true, allErrors: true }).compile(loadCatalog<object>('rule.schema.json')));
}

/** The product's rules, schemas/rules/<group>/<name>.json, compiled once per process. */
export function builtinRules(): LoadedRule[] {
  if (builtinCache) return builtinCache;
  const dir = path.join(schemasDir(), 'rules');
  const built = precompiled();
  builtinCache = listJsonFiles(dir).map((file) => {
    const schema = JSON.parse(schemaText(file)) as { rule: RuleMeta };
    const validate = built?.rules[schema.rule.id] ?? ajv().compile(schema);
    return { meta: schema.rule, source: path.relative(path.dirname(schemasDir()), file).split(path.sep).join('/'), builtin: true, validate };
  });
  return builtinCache;
}

/**
 * A team's own rules from the folders named in the config. A broken rule file becomes a finding on
 * that file (`rules/invalid`) and is skipped; the built-in rules always run.
 */
export function loadCustomRules(root: string, folders: string[], reserved: Set<string>): { rules: LoadedRule[]; problems: Finding[] } {
  const rules: LoadedRule[] = [];
  const problems: Finding[] = [];
  const seen = new Set(reserved);
  for (const folder of folders) {
    const abs = path.resolve(root, folder);
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      problems.push(invalid('.mlmaturity.yml', `Rule folder '${folder}' is outside the project; it is not loaded.`));
      continue;
    }
    let files: string[];
    try {
      files = listJsonFiles(abs);
    } catch {
      problems.push(invalid('.mlmaturity.yml', `Rule folder '${folder}' does not exist or cannot be read.`));
      continue;
    }
    for (const file of files) {
      const relFile = path.relative(root, file).split(path.sep).join('/');
      const loaded = loadCustomRule(file, relFile, seen);
      if ('problem' in loaded) problems.push(loaded.problem);
      else {
        seen.add(loaded.rule.meta.id);
        rules.push(loaded.rule);
      }
    }
  }
  return { rules, problems };
}

function loadCustomRule(file: string, rel: string, seen: Set<string>): { rule: LoadedRule } | { problem: Finding } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { problem: invalid(rel, 'The rule file cannot be read.') };
  }
  const index = new LineIndex(text);
  const doc = parseJson(text, index);
  if (doc.problems.length) return { problem: invalid(rel, `The rule file is not valid JSON: ${doc.problems[0].message}`, doc.problems[0].range) };
  const check = metaValidate();
  if (!check(doc.value)) {
    const e = (check.errors ?? [])[0] as ErrorObject;
    return { problem: invalid(rel, `The rule file is not a valid rule: ${e.instancePath || '/'} ${e.message ?? ''}`.trim(), rangeOfSchemaError(doc, e)) };
  }
  const meta = (doc.value as { rule: RuleMeta }).rule;
  if (seen.has(meta.id)) return { problem: invalid(rel, `Rule id '${meta.id}' is already taken.`, doc.locate('/rule/id') ?? FIRST_LINE) };
  const risky = patternsOf(doc.value).find((p) => mayBacktrack(p.source));
  if (risky) {
    return { problem: invalid(rel, `The pattern '${risky.source}' can backtrack catastrophically (a quantifier inside a repeated group); the rule is not loaded. Rewrite it without nested repetition.`, doc.locate(risky.pointer, risky.pointer.includes('/patternProperties/') ? 'key' : 'value') ?? FIRST_LINE) };
  }
  try {
    // Compiled once per content (the text is the key): an editor re-analyses often, and rule files rarely change.
    let validate = customCache.get(text);
    if (!validate) {
      // A rule is standalone: its $id would clash with an earlier version of the same file in the shared ajv.
      const { $id: _id, ...schema } = doc.value as Record<string, unknown>;
      void _id;
      validate = ajv().compile(schema);
      customCache.set(text, validate);
    }
    return { rule: { meta, source: rel, builtin: false, validate } };
  } catch (err) {
    return { problem: invalid(rel, `The rule's schema does not compile: ${(err as Error).message.split('\n')[0]}`, index.lineRange(0, true)) };
  }
}

function invalid(file: string, message: string, range = FIRST_LINE): Finding {
  return { ruleId: 'rules/invalid', severity: 'error', message, file, range };
}
