import type { SpanSet } from './span-set';

/**
 * Whether a raw Python text has an import line that names one of `modules`: `import a.b, c as d`
 * names `a` and `c`, `from a.b import c` names `a`. Any line break starts a line, and nothing is
 * copied out of the text: this runs over thousands of files before anything else is known of them,
 * and the match arrays and name slices of a regular expression were megabytes of garbage a run.
 * It reads what `/(?:from[ \t]+([A-Za-z_]\w*)|import[ \t]+([^\n#]+))/y` reads at each keyword that
 * opens a line, and each name of the list as `/\s*([^\s.,]*)/y` does (the unit tests hold it to that).
 */
export function importsOneOf(raw: string, modules: SpanSet): boolean {
  for (const keyword of KEYWORDS) {
    for (let at = raw.indexOf(keyword); at >= 0; at = raw.indexOf(keyword, at + keyword.length)) {
      if (!opensLine(raw, at)) continue;
      const start = afterBlanks(raw, at + keyword.length);
      if (start < 0) continue;
      if (keyword === 'from' ? modules.has(raw, start, identifierEnd(raw, start)) : namesInclude(raw, start, lineEnd(raw, start), modules)) return true;
    }
  }
  return false;
}

const KEYWORDS = ['import', 'from'];

/** Whether only spaces and tabs stand between `at` and the start of its line (after any line break). */
function opensLine(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  if (i < 0) return true;
  const c = text.charCodeAt(i);
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** Where the spaces and tabs after `from` end; -1 when there are none (`fromage`, `from(`). */
function afterBlanks(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i > from ? i : -1;
}

/** The end of `[A-Za-z_]\w*` at `start` (`start` itself when none starts there). */
function identifierEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (!(isLetter(first) || first === 95)) return start;
  let i = start + 1;
  while (isWordChar(text.charCodeAt(i))) i++;
  return i;
}

/** Where the names of an import line end: at the line break or the comment. */
function lineEnd(text: string, start: number): number {
  let i = start;
  for (let c = text.charCodeAt(i); i < text.length && c !== 10 && c !== 35; c = text.charCodeAt(++i));
  return i;
}

/** Whether the list `a.b, c as d` in [start, end) has a top-level module in the set (`a` and `c` here). */
function namesInclude(text: string, start: number, end: number, modules: SpanSet): boolean {
  for (let from = start; ; ) {
    let name = from;
    while (name < end && isSpace(text.charCodeAt(name))) name++;
    let stop = name;
    for (let c = text.charCodeAt(stop); stop < end && !isSpace(c) && c !== 46 && c !== 44; c = text.charCodeAt(++stop));
    if (modules.has(text, name, stop)) return true;
    const comma = text.indexOf(',', from);
    if (comma < 0 || comma >= end) return false;
    from = comma + 1;
  }
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isWordChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/** What `\s` matches in a JavaScript regular expression. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
