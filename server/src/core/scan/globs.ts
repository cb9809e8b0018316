import picomatch from 'picomatch';

/**
 * Many globs as one test, asked of every file of a tree: the file name is matched first, by one
 * expression built from the globs' last segments, which rules out nearly every path; the whole
 * globs (picomatch, `dot: true`) are compiled only once a name matches one.
 */
export function globsMatcher(globs: string[]): (path: string) => boolean {
  if (!globs.length) return () => false;
  const names = new RegExp(`^(?:${globs.map((g) => nameSource(g.slice(g.lastIndexOf('/') + 1))).join('|')})$`);
  let whole: RegExp | undefined;
  return (p) => names.test(p.slice(p.lastIndexOf('/') + 1)) && (whole ??= new RegExp(globs.map((g) => `(?:${picomatch.makeRe(g, { dot: true }).source})`).join('|'))).test(p);
}

/** A file-name glob as a regular expression: `*` and `?` by hand, anything richer by picomatch. */
function nameSource(segment: string): string {
  if (segment === '**') return '.*';
  if (/[[\]{}()!+@]/.test(segment)) return picomatch.makeRe(segment, { dot: true }).source.replace(/^\^|\$$/g, '');
  return segment.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : `\\${c}`));
}
