import type { Range } from '../text';

export interface ParseProblem {
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

/** Which part of a node a range is wanted for: the key of a mapping entry, or its value. */
export type NodePart = 'key' | 'value';

/**
 * A parsed structured file: its plain value plus a way back from a JSON pointer to the text.
 * A parse never throws; what went wrong is in `problems` with a precise range.
 */
export interface StructuredDoc {
  value: unknown;
  problems: ParseProblem[];
  locate(pointer: string, part?: NodePart): Range | undefined;
}

/**
 * Pointers parsed lately, by their text. A finding's pointer is parsed where the view maps it, where
 * its context and its fix read it, and where it is placed in the text: the same string each time.
 * The segments are shared, so callers never change them; and a segment string looked up once keeps
 * its hash for the next lookup of the same name.
 */
const recentPointers = new Map<string, readonly string[]>();
const RECENT_POINTERS = 512;

/** RFC 6901: `~1` is `/` and `~0` is `~`, unescaped in that order, every occurrence. */
export function parsePointer(pointer: string): readonly string[] {
  let segments = recentPointers.get(pointer);
  if (segments === undefined) {
    segments = splitPointer(pointer);
    // Cleared rather than evicted one by one: a rule's findings come together, and an edit's few.
    if (recentPointers.size >= RECENT_POINTERS) recentPointers.clear();
    recentPointers.set(pointer, segments);
  }
  return segments;
}

function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  // Most pointers escape nothing; an edit maps thousands of them, and two replaces per segment showed in its profile.
  const segments = body.split('/');
  return pointer.includes('~') ? segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : segments;
}

export function formatPointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    const text = String(s);
    out += '/' + (text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text);
  }
  return out;
}

/** Walks a plain value along a pointer. */
export function valueAt(value: unknown, pointer: string | readonly string[]): unknown {
  let current = value;
  for (const seg of typeof pointer === 'string' ? parsePointer(pointer) : pointer) {
    current = childAt(current, seg);
    if (current === undefined) return undefined;
  }
  return current;
}

/** One step of `valueAt`: an array's item or an object's property; undefined below a scalar. */
export function childAt(value: unknown, seg: string): unknown {
  if (Array.isArray(value)) return value[Number(seg)];
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[seg] : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
