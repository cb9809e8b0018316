import { loadCatalog } from '../catalog';
import { practiceCatalog } from '../practices/catalog';
import { builtinRules } from './load';
import type { Severity } from '../types';

/** What SARIF, docs links and hovers say about a rule id. */
export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  practice?: string;
  level?: number;
}

export const DOCS_BASE = 'https://github.com/ml-maturity/ml-maturity/blob/main/docs/rules/';

let registry: Map<string, RuleInfo> | undefined;

export function ruleRegistry(): Map<string, RuleInfo> {
  if (registry) return registry;
  registry = new Map();
  for (const p of practiceCatalog().practices) {
    registry.set(p.id, { id: p.id, title: p.title, description: p.description, severity: 'warning', practice: p.id, level: p.level });
  }
  for (const r of loadCatalog<{ rules: RuleInfo[] }>('builtin-rules.json').rules) registry.set(r.id, r);
  for (const r of builtinRules()) {
    registry.set(r.meta.id, { id: r.meta.id, title: r.meta.title, description: r.meta.rationale, severity: r.meta.severity, practice: r.meta.practice, level: r.meta.level });
  }
  return registry;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId.replace(/\//g, '-')}.md`;
}
