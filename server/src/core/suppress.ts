import type { ProjectFiles } from './model/files';
import { range } from './text';
import type { Finding } from './types';

const SUPPRESSION = /mlmaturity:\s*ignore\[([^\]]*)\]/g;

interface Suppression {
  file: string;
  line: number;
  ids: string[];
  /** The comment stands alone on its line, so it covers the next line too. */
  ownLine: boolean;
  start: number;
  end: number;
  used: Set<string>;
}

/** Suppression comments by file, kept while the file's text is the same. */
export type SuppressionCache = Map<string, { key: unknown; list: Omit<Suppression, 'used'>[] }>;

/**
 * `# mlmaturity: ignore[rule-id]` at the end of a line, or alone on the line before, silences that
 * rule there (any comment syntax: `#`, `//`, `<!-- -->`). A suppression that silences nothing
 * becomes a hint, so stale ones get cleaned up.
 */
export function applySuppressions(findings: Finding[], files: ProjectFiles, cache: SuppressionCache = new Map()): Finding[] {
  const byFile = new Map<string, Suppression[]>();
  for (const f of files.files) {
    if (!f.kind) continue;
    const key = files.textKey(f.path);
    let hit = cache.get(f.path);
    if (!hit || hit.key !== key) cache.set(f.path, (hit = { key, list: readSuppressions(files, f.path) }));
    if (hit.list.length) byFile.set(f.path, hit.list.map((s) => ({ ...s, used: new Set() })));
  }
  return filterFindings(findings, byFile);
}

function readSuppressions(files: ProjectFiles, path: string): Omit<Suppression, 'used'>[] {
  const text = files.text(path);
  if (!text || !text.includes('mlmaturity:')) return [];
  const lines = files.lines(path);
  if (!lines) return [];
  const list: Omit<Suppression, 'used'>[] = [];
  for (let i = 0; i < lines.lineCount; i++) {
    const lineText = lines.lineText(i);
    for (const m of lineText.matchAll(SUPPRESSION)) {
      const before = lineText.slice(0, m.index).trim();
      list.push({
        file: path, line: i, ids: m[1].split(',').map((s) => s.trim()).filter(Boolean),
        ownLine: before === '' || /^(#|\/\/|<!--|;)+$/.test(before), start: m.index ?? 0, end: (m.index ?? 0) + m[0].length,
      });
    }
  }
  return list;
}

function filterFindings(findings: Finding[], byFile: Map<string, Suppression[]>): Finding[] {
  const kept = findings.filter((finding) => {
    const line = finding.range.start.line;
    const match = byFile.get(finding.file)?.find((s) => (s.line === line || (s.ownLine && s.line + 1 === line)) && s.ids.includes(finding.ruleId));
    if (match) match.used.add(finding.ruleId);
    return !match;
  });
  for (const list of byFile.values()) {
    for (const s of list) {
      const unused = s.ids.filter((id) => !s.used.has(id));
      if (!unused.length) continue;
      kept.push({
        ruleId: 'suppression/unused', severity: 'hint', unnecessary: true, file: s.file,
        range: range(s.line, s.start, s.line, s.end),
        message: `Unused suppression: ${unused.map((id) => `'${id}'`).join(', ')} reports nothing here.`,
      });
    }
  }
  return kept;
}
