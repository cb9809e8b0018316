import { LineIndex, range, type Range } from '../text';
import type { ParseProblem } from './document';

export interface IniEntry {
  key: string;
  value: string;
  line: number;
  keyRange: Range;
}

export interface IniSection {
  /** Section name as written between the brackets, quotes kept (`'remote "storage"'`). */
  name: string;
  line: number;
  range: Range;
  entries: IniEntry[];
}

export interface IniFile {
  sections: IniSection[];
  problems: ParseProblem[];
}

/** INI as DVC, setup.cfg, tox.ini and flake8 write it: `key = value` or `key: value`, indented continuations. */
export function parseIni(text: string, index = new LineIndex(text)): IniFile {
  const out: IniFile = { sections: [], problems: [] };
  let current: IniSection | undefined;
  let last: IniEntry | undefined;
  for (let i = 0; i < index.lineCount; i++) {
    const raw = index.lineText(i);
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const lead = raw.length - raw.trimStart().length;
    if (trimmed.startsWith('[')) {
      const close = trimmed.lastIndexOf(']');
      if (close < 0) {
        out.problems.push({ message: 'Section header is missing its closing ]', range: range(i, lead, i, raw.length), severity: 'error' });
        continue;
      }
      current = { name: trimmed.slice(1, close).trim(), line: i, range: range(i, lead, i, lead + close + 1), entries: [] };
      out.sections.push(current);
      last = undefined;
      continue;
    }
    if (lead > 0 && last) {
      last.value += '\n' + trimmed;
      continue;
    }
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (!m) {
      out.problems.push({ message: `Expected 'key = value', found '${trimmed}'`, range: range(i, lead, i, raw.length), severity: 'error' });
      continue;
    }
    if (!current) {
      current = { name: '', line: i, range: range(i, 0, i, 0), entries: [] };
      out.sections.push(current);
    }
    last = { key: m[1], value: m[2], line: i, keyRange: range(i, lead, i, lead + m[1].length) };
    current.entries.push(last);
  }
  return out;
}

export function iniSection(file: IniFile, name: string): IniSection | undefined {
  return file.sections.find((s) => s.name === name);
}
