import type { Finding, Severity } from './types';

/**
 * A config rule that feeds a practice says the same thing more precisely (reqs/unpinned per line
 * rather than deps.pinned): where one fired in a file, the practice's own finding there goes.
 */
export function withoutRepeats(practiceFindings: Finding[], ruleFindings: Finding[]): Finding[] {
  // Files by practice: thousands of rule findings per analysis, and no key strings made for them.
  const covered = new Map<string, Set<string>>();
  for (const f of ruleFindings) {
    if (f.practice === undefined) continue;
    let files = covered.get(f.practice);
    if (!files) covered.set(f.practice, (files = new Set()));
    files.add(f.file);
  }
  return practiceFindings.filter((f) => f.practice === undefined || !covered.get(f.practice)?.has(f.file));
}

/** The configured severity per rule id; `off` removes the finding. */
export function applySeverities(findings: Finding[], rules: Record<string, string>): Finding[] {
  if (!Object.keys(rules).length) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const s = rules[f.ruleId];
    if (s !== 'off') out.push(s ? { ...f, severity: s as Severity } : f);
  }
  return out;
}

/**
 * By file, then position, stable; of identical findings (rule, file, start and message) the first
 * stays. Identical findings share a file and a start, so they meet in one run of the sorted list:
 * no key string is made for each of the thousands of findings an edit sorts again. Grouped by file
 * first: comparing long shared path prefixes for every pair was most of the cost of an edit's last step.
 */
export function sortedUnique(findings: Finding[]): Finding[] {
  const byFile = findingsByFile(findings);
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Finding[] = [];
  for (const file of files) {
    const list = byFile.get(file)!;
    if (list.length > 1) list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    let run = out.length;
    for (const f of list) {
      if (run < out.length && !sameStart(out[run], f)) run = out.length;
      if (!repeats(out, run, f)) out.push(f);
    }
  }
  return out;
}

function sameStart(a: Finding, b: Finding): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** Whether `f` says what one of `out[from..]` (findings at its start) already says. */
function repeats(out: Finding[], from: number, f: Finding): boolean {
  for (let i = from; i < out.length; i++) if (out[i].ruleId === f.ruleId && out[i].message === f.message) return true;
  return false;
}

/** Findings by file, each list in the order given, the files in order of first appearance. */
export function findingsByFile(findings: Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  return byFile;
}
