import fs = require('fs');
import path = require('path');
import { applyEdits } from './apply';
import type { Fix, TextEdit } from './types';

export interface FileChange {
  file: string;
  before: string;
  after: string;
  /** Titles of the fixes whose edits went in. */
  fixes: string[];
  created: boolean;
}

/**
 * Computes the new texts of the files the fixes touch. A byte order mark is kept; edits of one fix
 * go in together or not at all (a fix whose edit overlaps an earlier one is left for a later run).
 */
export function planFixes(root: string, fixes: Fix[]): FileChange[] {
  const changes = new Map<string, FileChange>();
  const read = (file: string): FileChange | undefined => {
    let change = changes.get(file);
    if (change) return change;
    let raw: string;
    try {
      raw = fs.readFileSync(path.join(root, file), 'utf8');
    } catch {
      return undefined;
    }
    change = { file, before: raw, after: raw, fixes: [], created: false };
    changes.set(file, change);
    return change;
  };
  const pending = new Map<string, { fix: Fix; edits: TextEdit[] }[]>();
  for (const fix of fixes) {
    for (const c of fix.creates) {
      if (changes.has(c.file) || fs.existsSync(path.join(root, c.file))) continue;
      changes.set(c.file, { file: c.file, before: '', after: c.text, fixes: [fix.title], created: true });
    }
    for (const file of new Set(fix.edits.map((e) => e.file))) {
      const list = pending.get(file) ?? [];
      list.push({ fix, edits: fix.edits.filter((e) => e.file === file) });
      pending.set(file, list);
    }
  }
  for (const [file, list] of pending) {
    const change = read(file);
    if (!change) continue;
    const bom = change.before.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const text = bom ? change.before.slice(1) : change.before;
    const accepted: TextEdit[] = [];
    for (const { fix, edits } of list) {
      const trial = applyEdits(text, [...accepted, ...edits]);
      if (trial.skipped.length) continue;
      accepted.push(...edits);
      if (!change.fixes.includes(fix.title)) change.fixes.push(fix.title);
    }
    change.after = bom + applyEdits(text, accepted).text;
  }
  return [...changes.values()].filter((c) => c.after !== c.before);
}

export function writeChanges(root: string, changes: FileChange[]): void {
  for (const c of changes) {
    const abs = path.join(root, c.file);
    if (c.created) fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, c.after);
  }
}
