import { globNamesMatcher, globsMatcher } from './globs';
import { loadCatalog } from '../catalog';

export type FileKind = string;

interface KindEntry {
  kind: FileKind;
  globs: string[];
}

interface Classifier {
  /** `**\/NAME` globs: the kind index by exact basename. */
  byName: Map<string, number>;
  /** `**\/*.EXT` globs: the kind index by suffix. */
  bySuffix: Map<string, number>;
  /** Every other glob, with its kind index, tried in catalog order. */
  others: { index: number; test: (p: string) => boolean }[];
  /** Whether a file name could match any of those: most names (`train.py`, `x.csv`) match none. */
  otherName: (name: string) => boolean;
  kinds: FileKind[];
}

let classifier: Classifier | undefined;

/**
 * Most globs name a file (`**\/dvc.yaml`) or an extension (`**\/*.py`): those become map lookups,
 * and only the rest run as globs. The first kind in catalog order still wins.
 */
function compiled(): Classifier {
  if (classifier) return classifier;
  const entries = loadCatalog<{ kinds: KindEntry[] }>('file-kinds.json').kinds;
  const c: Classifier = { byName: new Map(), bySuffix: new Map(), others: [], otherName: () => false, kinds: entries.map((e) => e.kind) };
  const otherGlobs: string[] = [];
  entries.forEach((entry, index) => {
    const rest: string[] = [];
    for (const glob of entry.globs) {
      const name = /^\*\*\/([^*?[\]{}/]+)$/.exec(glob)?.[1];
      const suffix = /^\*\*\/\*(\.[^*?[\]{}/]+)$/.exec(glob)?.[1];
      if (name && !c.byName.has(name)) c.byName.set(name, index);
      else if (suffix && !c.bySuffix.has(suffix)) c.bySuffix.set(suffix, index);
      else if (!name && !suffix) rest.push(glob);
    }
    if (rest.length) c.others.push({ index, test: globsMatcher(rest) });
    otherGlobs.push(...rest);
  });
  if (otherGlobs.length) c.otherName = globNamesMatcher(otherGlobs);
  classifier = c;
  return c;
}

/** The kind of a repo-relative posix path, or undefined for files no rule looks at. */
export function classify(relPath: string): FileKind | undefined {
  const c = compiled();
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  let best = c.byName.get(base) ?? Infinity;
  for (let dot = base.indexOf('.'); dot >= 0; dot = base.indexOf('.', dot + 1)) {
    const index = c.bySuffix.get(base.slice(dot));
    if (index !== undefined && index < best) best = index;
  }
  if (c.others.length && c.others[0].index < best && c.otherName(base)) {
    for (const o of c.others) {
      if (o.index >= best) break;
      if (o.test(relPath)) {
        best = o.index;
        break;
      }
    }
  }
  return Number.isFinite(best) ? c.kinds[best] : undefined;
}
