import picomatch from 'picomatch';
import { loadCatalog } from '../catalog';

export type FileKind = string;

interface KindEntry {
  kind: FileKind;
  globs: string[];
}

let matchers: { kind: FileKind; test: (p: string) => boolean }[] | undefined;

function compiled() {
  if (!matchers) {
    const catalog = loadCatalog<{ kinds: KindEntry[] }>('file-kinds.json');
    matchers = catalog.kinds.map((k) => ({ kind: k.kind, test: picomatch(k.globs, { dot: true }) }));
  }
  return matchers;
}

/** The kind of a repo-relative posix path, or undefined for files no rule looks at. */
export function classify(relPath: string): FileKind | undefined {
  for (const m of compiled()) if (m.test(relPath)) return m.kind;
  return undefined;
}
