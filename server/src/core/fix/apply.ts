import { LineIndex } from '../text';
import type { TextEdit } from './types';

/**
 * Applies edits of one file to its text. Edits are taken against the original text; overlapping
 * edits are refused (the later one is dropped) so that no byte is written twice.
 */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: TextEdit[]; skipped: TextEdit[] } {
  const index = new LineIndex(text);
  const spans = edits
    .map((e) => ({ e, start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    if (s.start < cursor) {
      skipped.push(s.e);
      continue;
    }
    out += text.slice(cursor, s.start) + s.e.newText;
    cursor = s.end;
    applied.push(s.e);
  }
  return { text: out + text.slice(cursor), applied, skipped };
}
