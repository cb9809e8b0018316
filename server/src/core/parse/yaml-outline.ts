import type { LineIndex } from '../text';
import { parsePointer, type NodePart } from './document';

/**
 * Where the nodes of block-style YAML are, read from its lines in one pass: keys, block mappings
 * and sequences, one-line scalars and flow collections, block scalars. It answers only for the
 * plain shapes that make up nearly every config file, with exactly the offsets the `yaml`
 * package's tree gives; anything else (anchors, tags, multi-line plain or quoted scalars, tabs,
 * explicit keys, merge keys) gives no outline, and the caller builds the full tree instead.
 * Run only on text js-yaml has accepted, so the input is known to be valid YAML.
 */
export interface YamlOutline {
  /** Offsets of a node of document `doc`, or undefined when the outline cannot tell. */
  locate(doc: number, pointer: string, part: NodePart): [number, number] | undefined;
}

type Span = [number, number];

interface OutlineNode {
  span: Span;
  /**
   * Where a collection that ends with this node ends: after its line, or right after a null's colon
   * or dash; NaN when comments follow, which the full tree may or may not count in.
   */
  tail: number;
  /** Present on block mappings; keys whose canonical string differs from their text are left out. */
  entries?: Map<string, { key: Span; value: OutlineNode }>;
  /** Present on block sequences. */
  items?: OutlineNode[];
}

/** Thrown inside the reader for a shape it does not handle: the whole file goes to the full parser. */
class Unsupported extends Error {}

const INDICATORS = new Set(['&', '*', '!', '?', '%', '@', '`', ',', '[', ']', '{', '}', '#', '|', '>', '"', "'", ':', '-']);
/** Plain keys the core schema reads as something other than their text (null, booleans, numbers). */
const NON_STRING_KEY = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+.0-9].*|<<)$/;

export function yamlOutline(index: LineIndex, documentCount: number): YamlOutline | undefined {
  if (index.text.includes('\t')) return undefined;
  try {
    const reader = new OutlineReader(index);
    const roots = reader.documents();
    if (roots.length !== documentCount) return undefined;
    return { locate: (doc, pointer, part) => locate(roots[doc], parsePointer(pointer), part) };
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

function locate(root: OutlineNode | undefined, segments: readonly string[], part: NodePart): Span | undefined {
  let node = root;
  let key: Span | undefined;
  for (const seg of segments) {
    if (!node) return undefined;
    if (node.entries) {
      const entry = node.entries.get(seg);
      node = entry?.value;
      key = entry?.key;
    } else if (node.items && /^(0|[1-9]\d*)$/.test(seg)) {
      node = node.items[Number(seg)];
      key = undefined;
    } else {
      return undefined;
    }
  }
  if (!node) return undefined;
  const span = part === 'key' && key ? key : node.span;
  return Number.isNaN(span[1]) ? undefined : span;
}

class OutlineReader {
  private readonly lines: string[];
  /** The last line a node read so far reaches: a collection ends after it. */
  private last = 0;
  /** Lines past the current document's end are out of reach. */
  private limit = 0;

  constructor(private readonly index: LineIndex) {
    this.lines = Array.from({ length: index.lineCount }, (_, line) => index.lineText(line));
  }

  documents(): (OutlineNode | undefined)[] {
    const roots: (OutlineNode | undefined)[] = [];
    let from = 0;
    let explicit = false;
    for (let line = 0; line <= this.lines.length; line++) {
      const text = this.lines[line];
      if (text !== undefined && (text.startsWith('%') || /^\.\.\.(\s|$)/.test(text))) throw new Unsupported();
      const start = text !== undefined && /^---(\s|$)/.test(text);
      if (text !== undefined && !start) continue;
      if (start && !isBlank(text.slice(3))) throw new Unsupported();
      const first = this.nextContent(from, line);
      // Comments before the first `---` make no document; an explicit `---` always makes one.
      if (first !== undefined || explicit) roots.push(first === undefined ? undefined : this.root(first, line));
      explicit = true;
      from = line + 1;
    }
    return roots;
  }

  private root(line: number, limit: number): OutlineNode | undefined {
    this.limit = limit;
    const col = indentOf(this.lines[line]);
    const node = this.node(line, col, -1);
    if (!node.entries && !node.items) throw new Unsupported();
    if (this.nextContent(this.last + 1, limit) !== undefined) throw new Unsupported();
    return node;
  }

  /** The first line from `from` (below `limit`) holding more than white space and comments. */
  private nextContent(from: number, limit = this.limit): number | undefined {
    for (let line = from; line < limit; line++) {
      const trimmed = this.lines[line].trimStart();
      if (trimmed && !trimmed.startsWith('#')) return line;
    }
    return undefined;
  }

  /** Comment lines between `line` and the next content. */
  private commentsAfter(line: number): boolean {
    for (let at = line + 1; at < this.limit; at++) {
      const trimmed = this.lines[at].trimStart();
      if (trimmed.startsWith('#')) return true;
      if (trimmed) return false;
    }
    return false;
  }

  private offset(line: number, col: number): number {
    return this.index.offsetAt({ line, character: col });
  }

  /** Where a collection whose last line is `line` ends: the start of the next line, or the end of the text. */
  private endAfter(line: number): number {
    return this.index.offsetAt({ line: line + 1, character: 0 });
  }

  /** A node starting at `col` of `line`, inside a parent indented `parentIndent`. */
  private node(line: number, col: number, parentIndent: number): OutlineNode {
    const text = this.lines[line];
    if (isDash(text, col)) return this.sequence(line, col);
    if (keyAt(text, col)) return this.mapping(line, col);
    return this.inlineValue(line, col, parentIndent);
  }

  private sequence(line: number, col: number): OutlineNode {
    const items: OutlineNode[] = [];
    let at: number | undefined = line;
    while (at !== undefined) {
      const text = this.lines[at];
      const after = col + 1 + (text.slice(col + 1).length - text.slice(col + 1).trimStart().length);
      this.last = at;
      if (isBlank(text.slice(col + 1))) {
        items.push(this.below(at, col, this.offset(at, after), false));
      } else {
        if (isDash(text, after)) throw new Unsupported();
        items.push(keyAt(text, after) ? this.mapping(at, after) : this.inlineValue(at, after, col));
      }
      const next = this.nextContent(this.last + 1);
      if (next === undefined || indentOf(this.lines[next]) < col) break;
      if (indentOf(this.lines[next]) === col && isDash(this.lines[next], col)) {
        at = next;
        continue;
      }
      // A same-column key ends a sequence that was a mapping's value; anything else is not ours.
      if (indentOf(this.lines[next]) === col && keyAt(this.lines[next], col)) break;
      throw new Unsupported();
    }
    const end = items[items.length - 1].tail;
    return { span: [this.offset(line, col), end], tail: end, items };
  }

  private mapping(line: number, col: number): OutlineNode {
    const entries = new Map<string, { key: Span; value: OutlineNode }>();
    let end = 0;
    let at: number | undefined = line;
    while (at !== undefined) {
      const text = this.lines[at];
      const key = keyAt(text, col);
      if (!key) throw new Unsupported();
      this.last = at;
      const valueCol = key.colon + 1 + (text.slice(key.colon + 1).length - text.slice(key.colon + 1).trimStart().length);
      const value = isBlank(text.slice(key.colon + 1))
        ? this.below(at, col, this.offset(at, valueCol), true)
        : this.inlineValue(at, valueCol, col);
      end = value.tail;
      if (key.name !== undefined) entries.set(key.name, { key: [this.offset(at, key.start), this.offset(at, key.end)], value });
      const next = this.nextContent(this.last + 1);
      if (next === undefined || indentOf(this.lines[next]) < col) break;
      if (indentOf(this.lines[next]) > col) throw new Unsupported();
      at = next;
    }
    return { span: [this.offset(line, col), end], tail: end, entries };
  }

  /** The value of a key or dash with nothing after it on its line: a block node below, or null. */
  private below(line: number, indent: number, nullAt: number, sameColumnSequence: boolean): OutlineNode {
    const next = this.nextContent(line + 1);
    if (next !== undefined) {
      const nextIndent = indentOf(this.lines[next]);
      if (nextIndent > indent || (sameColumnSequence && nextIndent === indent && isDash(this.lines[next], indent))) {
        return this.node(next, nextIndent, indent);
      }
    }
    const commented = this.lines[line].includes('#') || this.commentsAfter(line);
    return { span: [nullAt, nullAt], tail: commented ? NaN : nullAt };
  }

  /** A value that starts on this line: a one-line scalar or flow collection, or a block scalar. */
  private inlineValue(line: number, col: number, parentIndent: number): OutlineNode {
    const text = this.lines[line];
    const c = text[col];
    let end: number;
    if (c === '|' || c === '>') return this.blockScalar(line, col, parentIndent);
    if (c === '"' || c === "'") end = quotedEnd(text, col);
    else if (c === '[' || c === '{') end = flowEnd(text, col);
    else if (c === undefined || (INDICATORS.has(c) && !(c === '-' && text[col + 1] !== ' '))) throw new Unsupported();
    else end = plainEnd(text, col);
    if (!isBlank(text.slice(end))) throw new Unsupported();
    this.last = line;
    // A line deeper than the value's owner after a one-line value would continue it: a multi-line scalar.
    const next = this.nextContent(line + 1);
    if (next !== undefined && indentOf(this.lines[next]) > parentIndent) throw new Unsupported();
    const items = c === '[' ? flowItems(text, col, end) : undefined;
    return {
      span: [this.offset(line, col), this.offset(line, end)],
      tail: this.commentsAfter(line) ? NaN : this.endAfter(line),
      ...(items ? { items: items.map(([from, to]) => ({ span: [this.offset(line, from), this.offset(line, to)] as Span, tail: NaN })) } : {}),
    };
  }

  private blockScalar(line: number, col: number, parentIndent: number): OutlineNode {
    const text = this.lines[line];
    const header = /^[|>]-?(?=\s|$)/.exec(text.slice(col));
    if (!header || !isBlank(text.slice(col + header[0].length))) throw new Unsupported();
    let lastContent = line;
    let indent: number | undefined;
    for (let at = line + 1; at < this.limit; at++) {
      const l = this.lines[at];
      if (!l.trim()) continue;
      const i = indentOf(l);
      indent ??= i;
      if (i < indent) break;
      lastContent = at;
    }
    if (indent === undefined || indent <= parentIndent || lastContent === line) throw new Unsupported();
    this.last = lastContent;
    const end = this.endAfter(lastContent);
    return { span: [this.offset(line, col), end], tail: this.commentsAfter(lastContent) ? NaN : end };
  }
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

function isDash(text: string, col: number): boolean {
  return text[col] === '-' && (col + 1 === text.length || text[col + 1] === ' ');
}

/** Nothing but spaces, or a comment after at least one space. */
function isBlank(rest: string): boolean {
  const trimmed = rest.trimStart();
  return !trimmed || (trimmed.startsWith('#') && trimmed.length < rest.length);
}

/**
 * A mapping key at `col`: its span, the colon after it, and its name when the core schema reads it
 * as the same string (`1.0`, `true`, `~` are not; they stay unnamed, so that pointers to them go to the full tree).
 */
function keyAt(text: string, col: number): { start: number; end: number; colon: number; name?: string } | undefined {
  const c = text[col];
  if (c === '"' || c === "'") {
    const end = quotedEnd(text, col);
    let colon = end;
    while (text[colon] === ' ') colon++;
    if (text[colon] !== ':' || (colon + 1 < text.length && text[colon + 1] !== ' ')) return undefined;
    const inner = text.slice(col + 1, end - 1);
    if (c === '"' && inner.includes('\\')) throw new Unsupported();
    if (c === "'" && inner.includes("''")) throw new Unsupported();
    return { start: col, end, colon, name: inner };
  }
  if (c === undefined || INDICATORS.has(c)) return undefined;
  for (let i = col; i < text.length; i++) {
    const ch = text[i];
    if (ch === '#' && text[i - 1] === ' ') return undefined;
    if (ch === ':' && (i + 1 === text.length || text[i + 1] === ' ')) {
      const raw = text.slice(col, i);
      const name = raw.trimEnd();
      if (/[[\]{}]/.test(name)) throw new Unsupported();
      return { start: col, end: col + name.length, colon: i, ...(NON_STRING_KEY.test(name) ? {} : { name }) };
    }
  }
  return undefined;
}

/** End (exclusive) of a quoted scalar closed on its own line. */
function quotedEnd(text: string, col: number): number {
  const q = text[col];
  for (let i = col + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] !== q) continue;
    if (q === "'" && text[i + 1] === "'") {
      i++;
      continue;
    }
    return i + 1;
  }
  throw new Unsupported();
}

/** End of a flow collection closed on its own line. */
function flowEnd(text: string, col: number): number {
  let depth = 0;
  for (let i = col; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") i = quotedEnd(text, i) - 1;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      if (--depth === 0) return i + 1;
    } else if (ch === '#' && text[i - 1] === ' ') break;
  }
  throw new Unsupported();
}

/**
 * The items of a one-line flow sequence of scalars (`[main, "dev"]`), as column spans; undefined
 * for anything nested, empty items or items that are not plain words or quoted strings.
 */
function flowItems(text: string, open: number, close: number): [number, number][] | undefined {
  const items: [number, number][] = [];
  let at = open + 1;
  while (at < close - 1 || items.length === 0) {
    while (text[at] === ' ') at++;
    if (at >= close - 1) return items.length ? undefined : [];
    const c = text[at];
    let end: number;
    if (c === '"' || c === "'") end = quotedEnd(text, at);
    else if (INDICATORS.has(c) && !(c === '-' && text[at + 1] !== ' ')) return undefined;
    else {
      end = at;
      while (end < close - 1 && text[end] !== ',') end++;
      if (/[:#[\]{}]/.test(text.slice(at, end))) return undefined;
      while (text[end - 1] === ' ') end--;
    }
    items.push([at, end]);
    let next = end;
    while (text[next] === ' ') next++;
    if (next === close - 1) break;
    if (text[next] !== ',') return undefined;
    at = next + 1;
  }
  return items;
}

/** End of a one-line plain scalar: before a comment and trailing spaces. */
function plainEnd(text: string, col: number): number {
  let end = text.length;
  for (let i = col + 1; i < text.length; i++) {
    if (text[i] === '#' && text[i - 1] === ' ') {
      end = i;
      break;
    }
  }
  while (end > col && text[end - 1] === ' ') end--;
  return end;
}
