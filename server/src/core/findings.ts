import type { Finding, Severity } from './types';

/**
 * A config rule that feeds a practice says the same thing more precisely (reqs/unpinned per line
 * rather than deps.pinned): where one fired in a file, the practice's own finding there goes.
 */
export function withoutRepeats(practiceFindings: Finding[], ruleFindings: Finding[]): Finding[] {
  const covered = new Set(ruleFindings.filter((f) => f.practice).map((f) => `${f.practice}|${f.file}`));
  return practiceFindings.filter((f) => !covered.has(`${f.practice}|${f.file}`));
}

/** The configured severity per rule id; `off` removes the finding. */
export function applySeverities(findings: Finding[], rules: Record<string, string>): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const s = rules[f.ruleId];
    if (s !== 'off') out.push(s ? { ...f, severity: s as Severity } : f);
  }
  return out;
}

/** Keys of findings seen before: most come back from the caches as the same objects after an edit. */
const dedupeKeys = new WeakMap<Finding, string>();

export function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    let key = dedupeKeys.get(f);
    if (key === undefined) dedupeKeys.set(f, (key = `${f.ruleId}|${f.file}|${f.range.start.line}:${f.range.start.character}|${f.message}`));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}
