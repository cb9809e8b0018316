/**
 * A fixed set of strings asked about spans of a larger text: `has(text, start, end)` answers
 * whether `text.slice(start, end)` is one of them without making that slice. The import pre-check
 * asks this for every import line of thousands of files, and the slices (with the match arrays
 * that found them) were megabytes of garbage a run.
 */
export class SpanSet {
  /** The strings by first character and length: each list holds one or two. */
  private readonly byStart = new Map<number, string[]>();

  constructor(strings: Iterable<string>) {
    for (const s of new Set(strings)) {
      if (!s) continue;
      const key = keyOf(s.charCodeAt(0), s.length);
      const list = this.byStart.get(key);
      if (list) list.push(s);
      else this.byStart.set(key, [s]);
    }
  }

  has(text: string, start: number, end: number): boolean {
    if (end <= start) return false;
    const list = this.byStart.get(keyOf(text.charCodeAt(start), end - start));
    if (!list) return false;
    for (const s of list) if (s.length === end - start && text.startsWith(s, start)) return true;
    return false;
  }
}

function keyOf(first: number, length: number): number {
  return first * 65536 + length;
}
