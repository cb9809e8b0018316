import type { Node } from 'jsonc-parser';
import { LineIndex, range, type Range } from '../text';
import type { ParseProblem } from './document';
import { parseJson } from './json';

/**
 * Python code as lines that a static scan can match: comments and the insides of triple-quoted
 * strings are blanked (columns kept), so commented-out code and docstrings are never evidence.
 * Nothing is imported or run.
 */
export interface CodeText {
  lines: string[];
  rangeOfLine(line: number): Range;
  problems: ParseProblem[];
}

export interface ImportRef {
  /** Top-level module (`sklearn` for `from sklearn.model_selection import x`). */
  module: string;
  /** The full dotted path as written. */
  path: string;
  line: number;
}

export function pythonCode(text: string): CodeText {
  const raw = text.split(/\r\n|\r|\n/);
  // Positions come from the split lines: a line index of the whole file would cost more than the few evidence lines.
  const rangeOfLine = (line: number): Range => {
    const whole = raw[line] ?? '';
    const lead = whole.length - whole.trimStart().length;
    return range(line, lead, line, Math.max(lead, whole.trimEnd().length));
  };
  return { lines: blankNonCode(raw), rangeOfLine, problems: [] };
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
  return { lines: blankNonCode(lines), rangeOfLine: (line) => ranges[line] ?? range(0, 0, 0, 0), problems };
}

function prop(obj: Node, name: string): Node | undefined {
  return obj.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1];
}

const IMPORT = /^\s*import\s+(.+)$/;
const FROM_IMPORT = /^\s*from\s+([\w.]+)\s+import\b/;

export function scanImports(code: CodeText): ImportRef[] {
  const out: ImportRef[] = [];
  code.lines.forEach((line, i) => {
    // Cheap test first: an import line starts (after indentation) with `import` or `from`.
    let at = 0;
    while (line.charCodeAt(at) === 32 || line.charCodeAt(at) === 9) at++;
    const first = line.charCodeAt(at);
    if (first !== 105 /* i */ && first !== 102 /* f */) return;
    const from = FROM_IMPORT.exec(line);
    if (from) {
      if (!from[1].startsWith('.')) out.push({ module: from[1].split('.')[0], path: from[1], line: i });
      return;
    }
    const imp = IMPORT.exec(line);
    if (!imp) return;
    for (const part of imp[1].split(',')) {
      const path = part.trim().split(/\s+/)[0]?.replace(/[();\\]/g, '');
      if (path && /^[A-Za-z_][\w.]*$/.test(path)) out.push({ module: path.split('.')[0], path, line: i });
    }
  });
  return out;
}

/** Blanks `#` comments and triple-quoted string bodies, keeping line count and columns. */
function blankNonCode(lines: string[]): string[] {
  let open: '"""' | "'''" | undefined;
  const special = /["'#]/;
  return lines.map((line) => {
    // Most lines hold no quote and no comment: they are code as they stand.
    if (!open && !special.test(line)) return line;
    let out = '';
    let i = 0;
    while (i < line.length) {
      if (open) {
        const end = line.indexOf(open, i);
        if (end < 0) {
          out += ' '.repeat(line.length - i);
          break;
        }
        out += ' '.repeat(end - i) + open;
        i = end + 3;
        open = undefined;
        continue;
      }
      const rest = line.slice(i).search(special);
      if (rest < 0) {
        out += line.slice(i);
        break;
      }
      out += line.slice(i, i + rest);
      i += rest;
      const c = line[i];
      if (c === '#') {
        out += ' '.repeat(line.length - i);
        break;
      }
      if (line.startsWith(c.repeat(3), i)) {
        open = c.repeat(3) as '"""' | "'''";
        out += open;
        i += 3;
        continue;
      }
      const end = closingQuote(line, i);
      out += line.slice(i, end);
      i = end;
    }
    return out;
  });
}

function closingQuote(line: string, start: number): number {
  const q = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === q) return i + 1;
  }
  return line.length;
}
