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
export interface SuppressionCache {
  byPath: Map<string, { key: unknown; list: Omit<Suppression, 'used'>[] }>;
  /** Files that hold a suppression; with `changed`, only these and the changed files are looked at. */
  holding: Set<string>;
  primed: boolean;
}

export function suppressionCache(): SuppressionCache {
  return { byPath: new Map(), holding: new Set(), primed: false };
}

/**
 * `# mlmaturity: ignore[rule-id]` at the end of a line, or alone on the line before, silences that
 * rule there (any comment syntax: `#`, `//`, `<!-- -->`). A suppression that silences nothing
 * becomes a hint, so stale ones get cleaned up.
 */
export function applySuppressions(byFile: Map<string, Finding[]>, files: ProjectFiles, cache = suppressionCache(), changed?: Iterable<string>): Map<string, Finding[]> {
  const look = (path: string) => {
    const key = files.textKey(path);
    let hit = cache.byPath.get(path);
    if (!hit || hit.key !== key) {
      hit = { key, list: readSuppressions(files, path) };
      // Only files that hold suppressions are kept: the others are read again only when they change.
      if (hit.list.length) cache.byPath.set(path, hit);
      else cache.byPath.delete(path);
    }
    if (hit.list.length) cache.holding.add(path);
    else cache.holding.delete(path);
  };
  if (cache.primed && changed) {
    // After a first full pass, only files that changed can gain or lose a suppression.
    for (const path of new Set([...cache.holding, ...changed])) {
      if (files.get(path)?.kind) look(path);
      else cache.holding.delete(path);
    }
  } else {
    // Every file is looked at: a file that went since the last pass must not keep its suppressions.
    cache.holding.clear();
    for (const f of files.files) if (f.kind) look(f.path);
    for (const path of cache.byPath.keys()) if (!cache.holding.has(path)) cache.byPath.delete(path);
  }
  cache.primed = true;
  // Only the lists of files that hold a suppression change: the others stay the same arrays.
  for (const path of cache.holding) {
    const list = cache.byPath.get(path)?.list ?? [];
    if (!list.length) continue;
    const kept = filterFindings(byFile.get(path) ?? [], list.map((s) => ({ ...s, used: new Set() })));
    if (kept.length) byFile.set(path, kept);
    else byFile.delete(path);
  }
  return byFile;
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

/** One file's findings without those its suppressions silence, and a hint for each suppression that silenced nothing. */
function filterFindings(findings: Finding[], suppressions: Suppression[]): Finding[] {
  const kept = findings.filter((finding) => {
    const line = finding.range.start.line;
    const match = suppressions.find((s) => (s.line === line || (s.ownLine && s.line + 1 === line)) && s.ids.includes(finding.ruleId));
    if (match) match.used.add(finding.ruleId);
    return !match;
  });
  for (const s of suppressions) {
    const unused = s.ids.filter((id) => !s.used.has(id));
    if (!unused.length) continue;
    kept.push({
      ruleId: 'suppression/unused', severity: 'hint', unnecessary: true, file: s.file,
      range: range(s.line, s.start, s.line, s.end),
      message: `Unused suppression: ${unused.map((id) => `'${id}'`).join(', ')} reports nothing here.`,
    });
  }
  return kept;
}
