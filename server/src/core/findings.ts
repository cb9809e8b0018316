import type { Finding, Severity } from './types';

/**
 * A config rule that feeds a practice says the same thing more precisely (reqs/unpinned per line
 * rather than deps.pinned): where one fired in a file, the practice's own finding there goes.
 */
export function withoutRepeats(practiceFindings: Finding[], ruleFindings: ReadonlyMap<string, readonly Finding[]>): Finding[] {
  // A few dozen practice findings, each against its own file's rule findings: not thousands of keys.
  return practiceFindings.filter((f) => f.practice === undefined || !ruleFindings.get(f.file)?.some((r) => r.practice === f.practice));
}

/** `first` put ahead of each file's list, in place; files of `first` alone get a list of their own. */
export function prependByFile(first: Finding[], byFile: Map<string, Finding[]>): Map<string, Finding[]> {
  for (const [file, list] of findingsByFile(first)) {
    const rest = byFile.get(file);
    byFile.set(file, rest ? [...list, ...rest] : list);
  }
  return byFile;
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
  return new FindingsOrder().sort(findingsByFile(findings)).findings;
}

/**
 * `sortedUnique` across a session's analyses. A file whose findings are the same objects as last
 * time keeps its sorted list, the very same array, so that whoever publishes them can tell it has
 * nothing new to send; and the order of the files stays while the same files have findings.
 */
export class FindingsOrder {
  private lists = new Map<string, { given: Finding[]; sorted: Finding[] }>();
  /** The files with findings last time, in order: kept while the same files have findings. */
  private files: string[] = [];

  /** `grouped`: each file's findings in the order given. */
  sort(grouped: ReadonlyMap<string, Finding[]>): { findings: Finding[]; byFile: Map<string, Finding[]> } {
    if (!sameFiles(grouped, this.lists)) this.files = [...grouped.keys()].filter((f) => grouped.get(f)!.length).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const lists = new Map<string, { given: Finding[]; sorted: Finding[] }>();
    const byFile = new Map<string, Finding[]>();
    const out: Finding[] = [];
    // Indexed loops: an edit runs this over every finding, mostly before it is optimised.
    for (let i = 0; i < this.files.length; i++) {
      const file = this.files[i];
      const given = grouped.get(file)!;
      const last = this.lists.get(file);
      const sorted = last && sameItems(last.given, given) ? last.sorted : uniqueByPosition([...given]);
      lists.set(file, { given, sorted });
      byFile.set(file, sorted);
      for (let j = 0; j < sorted.length; j++) out.push(sorted[j]);
    }
    this.lists = lists;
    return { findings: out, byFile };
  }
}

/** One file's findings by position; the first of identical ones stays. */
function uniqueByPosition(list: Finding[]): Finding[] {
  if (list.length > 1) list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const out: Finding[] = [];
  let run = 0;
  for (const f of list) {
    if (run < out.length && !sameStart(out[run], f)) run = out.length;
    if (!repeats(out, run, f)) out.push(f);
  }
  return out;
}

/** Whether the files with findings in `grouped` (some lists may be empty) are those `last` holds. */
function sameFiles(grouped: ReadonlyMap<string, Finding[]>, last: ReadonlyMap<string, unknown>): boolean {
  let n = 0;
  let same = true;
  // forEach, not `of`: no entry pair per file on every edit.
  grouped.forEach((list, file) => {
    if (!list.length) return;
    if (!last.has(file)) same = false;
    n++;
  });
  return same && n === last.size;
}

/** The same objects in the same order. */
export function sameItems<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  if (a === b) return true;
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
