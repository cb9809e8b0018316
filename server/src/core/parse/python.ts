import type { Node } from 'jsonc-parser';
import { LineIndex, range, type Range } from '../text';
import type { ParseProblem } from './document';
import { parseJson } from './json';

/**
 * Python code that a static scan can match: comments and the insides of triple-quoted strings are
 * blanked (columns kept), so commented-out code and docstrings are never evidence. Nothing is
 * imported or run.
 */
export interface CodeText {
  /** The code, lines joined by '\n' whatever the file's line breaks. */
  readonly text: string;
  /** Its lines, split on first use: most scans read the text whole. */
  readonly lines: string[];
  /** Its imports, read on first use: a test file's are asked for by tool detection and by the test finder. */
  readonly imports: readonly ImportRef[];
  rangeOfLine(line: number): Range;
  problems: ParseProblem[];
}

class Code implements CodeText {
  private split?: string[];
  private scanned?: ImportRef[];
  constructor(readonly text: string, readonly rangeOfLine: (line: number) => Range, readonly problems: ParseProblem[]) {}

  get lines(): string[] {
    return (this.split ??= this.text.split('\n'));
  }

  get imports(): readonly ImportRef[] {
    return (this.scanned ??= scanImports(this));
  }
}

export interface ImportRef {
  /** Top-level module (`sklearn` for `from sklearn.model_selection import x`). */
  module: string;
  /** The full dotted path as written. */
  path: string;
  line: number;
}

export function pythonCode(text: string): CodeText {
  const source = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // Positions only for the few evidence lines: the line index finds its line starts on first use.
  const index = new LineIndex(source);
  return new Code(blankNonCode(source), (line) => index.lineRange(line, true), []);
}

/** The code cells of a notebook, concatenated; each line maps back to its JSON string in the .ipynb. */
export function notebookCode(text: string, index = new LineIndex(text)): CodeText {
  const json = parseJson(text, index);
  const lines: string[] = [];
  const ranges: Range[] = [];
  const cells = json.tree?.children?.find((p) => p.children?.[0]?.value === 'cells')?.children?.[1];
  for (const cell of cells?.children ?? []) {
    if (prop(cell, 'cell_type')?.value !== 'code') continue;
    const source = prop(cell, 'source');
    const parts: Node[] = source?.type === 'array' ? source.children ?? [] : source ? [source] : [];
    for (const part of parts) {
      if (typeof part.value !== 'string') continue;
      const r = index.rangeOf(part.offset, part.offset + part.length);
      for (const l of part.value.replace(/\n$/, '').split(/\r?\n/)) {
        // Shell escapes and magics (`!pip install`, `%matplotlib`) are not Python.
        lines.push(/^\s*[!%]/.test(l) ? '' : l);
        ranges.push(r);
      }
    }
    lines.push('');
    ranges.push(ranges[ranges.length - 1] ?? range(0, 0, 0, 0));
  }
  const problems = json.problems.length ? [{ ...json.problems[0], message: `Notebook is not valid JSON: ${json.problems[0].message}` }] : [];
  return new Code(blankNonCode(lines.join('\n')), (line) => ranges[line] ?? range(0, 0, 0, 0), problems);
}

function prop(obj: Node, name: string): Node | undefined {
  return obj.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1];
}

/**
 * An import statement from where its line starts: `from a.b import c`, or `import a.b, c as d` up
 * to the line's end. Lines are broken by `\n` only.
 */
const IMPORT_STATEMENT = /[ \t]*(?:from[^\S\n]+([\w.]+)[^\S\n]+import\b|import[^\S\n]+(.+)(?![^\n]))/y;

/**
 * Imports, read on the lines where the word `import` occurs (both forms hold it), each line once;
 * lines are counted only up to each statement. `indexOf` skips to those lines; a multiline `^`
 * search, which tries every position, took 1.5–2 times as long over the benchmark's Python and
 * 4–5 times over the standard library's, for the same imports.
 */
export function scanImports(code: CodeText): ImportRef[] {
  const out: ImportRef[] = [];
  const text = code.text;
  let line = 0;
  let counted = 0;
  for (let at = text.indexOf('import'); at >= 0; ) {
    const start = text.lastIndexOf('\n', at) + 1;
    IMPORT_STATEMENT.lastIndex = start;
    const m = IMPORT_STATEMENT.exec(text);
    if (m) {
      for (let i = text.indexOf('\n', counted); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
      counted = start;
      if (m[1] !== undefined) {
        if (!m[1].startsWith('.')) out.push({ module: moduleOf(m[1]), path: m[1], line });
      } else {
        importsOfStatement(m[2], line, out);
      }
    }
    const end = text.indexOf('\n', at);
    at = end < 0 ? -1 : text.indexOf('import', end);
  }
  return out;
}

/** One name, maybe renamed: most import statements. */
const ONE_NAME = /^\s*([A-Za-z_][\w.]*)(?:\s+as\s+\w+)?\s*$/;

/** The modules of the names after `import`: `a.b` and `c` of `a.b, c as d`. */
function importsOfStatement(names: string, line: number, out: ImportRef[]): void {
  const one = ONE_NAME.exec(names);
  if (one) {
    out.push({ module: moduleOf(one[1]), path: one[1], line });
    return;
  }
  for (const part of names.split(',')) {
    const path = part.trim().split(/\s+/)[0]?.replace(/[();\\]/g, '');
    if (path && /^[A-Za-z_][\w.]*$/.test(path)) out.push({ module: moduleOf(path), path, line });
  }
}

function moduleOf(path: string): string {
  const dot = path.indexOf('.');
  return dot < 0 ? path : path.slice(0, dot);
}

const SPECIAL = /["'#]/g;

/**
 * Blanks `#` comments and triple-quoted string bodies, keeping line breaks and columns. A
 * single-quoted string ends at its line's end (an unterminated one, or a backslash before the break).
 * The result is joined from parts once: strings grown piece by piece are ropes, slow to read after.
 */
function blankNonCode(text: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(text);
    if (!m) break;
    const at = m.index;
    const c = text.charCodeAt(at);
    if (c === 35 /* # */) {
      const end = lineEnd(text, at);
      parts.push(text.slice(i, at), spaces(end - at));
      i = end;
    } else if (text.charCodeAt(at + 1) === c && text.charCodeAt(at + 2) === c) {
      const quotes = text.slice(at, at + 3);
      const close = text.indexOf(quotes, at + 3);
      const end = close < 0 ? text.length : close;
      parts.push(text.slice(i, at + 3));
      blankKeepingBreaks(text, at + 3, end, parts);
      i = end;
      if (close >= 0) {
        parts.push(quotes);
        i += 3;
      }
    } else {
      const end = closingQuote(text, at);
      parts.push(text.slice(i, end));
      i = end;
    }
  }
  if (i === 0) return text;
  parts.push(text.slice(i));
  return parts.join('');
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function blankKeepingBreaks(text: string, from: number, to: number, parts: string[]): void {
  for (let i = from; i < to; ) {
    const end = Math.min(lineEnd(text, i), to);
    parts.push(spaces(end - i));
    if (end < to) parts.push('\n');
    i = end + 1;
  }
}

const SPACES = ' '.repeat(1024);

function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** Where the string opened at `start` ends: after its closing quote, else at its line's end. */
function closingQuote(text: string, start: number): number {
  const q = text.charCodeAt(start);
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) return i;
    if (c === 92 /* \\ */) {
      if (text.charCodeAt(i + 1) === 10) return i + 1;
      i++;
    } else if (c === q) return i + 1;
  }
  return text.length;
}
