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
  const names = globNamesMatcher(globs);
  let whole: RegExp | undefined;
  return (p) => names(p.slice(p.lastIndexOf('/') + 1)) && (whole ??= new RegExp(globs.map((g) => `(?:${picomatch.makeRe(g, { dot: true }).source})`).join('|'))).test(p);
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
