import picomatch from 'picomatch';

const GLOB_CHARS = /[*?[\]{}()!+@]/;

/**
 * Many globs as one test, asked of every file of a tree: the file name is matched first, which
 * rules out nearly every path; the whole globs (picomatch, `dot: true`) are compiled only once a
 * name matches one. Plain names are looked up and `*.ext` names compared by their ends: in one
 * expression of them all, each `[^/]*` alternative scanned and backtracked over every name.
 */
export function globsMatcher(globs: string[]): (path: string) => boolean {
  if (!globs.length) return () => false;
  const ends = nameEnds(globs);
  const names = globNamesMatcher(globs);
  let whole: RegExp | undefined;
  return (p) => ends(p) && names(p.slice(p.lastIndexOf('/') + 1)) && (whole ??= new RegExp(globs.map((g) => `(?:${picomatch.makeRe(g, { dot: true }).source})`).join('|'))).test(p);
}

/**
 * Whether a path's file name ends as one the globs name could: by its last character, and for a
 * plain name by its length too. Told without cutting the name out: of the tool catalog's globs,
 * the Python files of a tree (`.py`, as `pipeline_registry.py`) pass the character but seldom the length.
 */
function nameEnds(globs: string[]): (path: string) => boolean {
  const loose = new Set<number>();
  const exact = new Set<number>();
  for (const g of globs) {
    const segment = g.slice(g.lastIndexOf('/') + 1);
    const last = segment.charCodeAt(segment.length - 1);
    if (!segment || GLOB_CHARS.test(segment.charAt(segment.length - 1))) return () => true;
    if (GLOB_CHARS.test(segment)) loose.add(last);
    else exact.add(segment.length * 65536 + last);
  }
  return (p) => {
    const last = p.charCodeAt(p.length - 1);
    return loose.has(last) || exact.has((p.length - p.lastIndexOf('/') - 1) * 65536 + last);
  };
}

/** Whether a file name could match one of the globs: the test of their last segments only. */
export function globNamesMatcher(globs: string[]): (name: string) => boolean {
  const segments = globs.map((g) => g.slice(g.lastIndexOf('/') + 1));
  if (segments.includes('**')) return () => true;
  const exact = new Set<string>();
  const suffixes = new Set<string>();
  const others: string[] = [];
  for (const s of segments) {
    if (!GLOB_CHARS.test(s)) exact.add(s);
    else if (s.startsWith('*') && !GLOB_CHARS.test(s.slice(1))) suffixes.add(s.slice(1));
    else others.push(s);
  }
  const ends = [...suffixes];
  const rest = others.length ? new RegExp(`^(?:${others.map(nameSource).join('|')})$`) : undefined;
  return (name) => {
    if (exact.has(name)) return true;
    for (const end of ends) if (name.endsWith(end)) return true;
    return rest !== undefined && rest.test(name);
  };
}

/** A file-name glob as a regular expression: `*` and `?` by hand, anything richer by picomatch. */
function nameSource(segment: string): string {
  if (/[[\]{}()!+@]/.test(segment)) return picomatch.makeRe(segment, { dot: true }).source.replace(/^\^|\$$/g, '');
  return segment.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : `\\${c}`));
}
