import { isMap, isScalar, isSeq, stringify, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { parsePointer } from '../parse/document';
import { findNode, type YamlDoc } from '../parse/yaml';
import type { LineIndex } from '../text';
import type { TextEdit } from './types';

/**
 * Minimal YAML text edits: each touches only the bytes it must, and copies the indentation,
 * line ending and collection style (block or flow) of its neighbours, so comments, blank lines,
 * quoting and key order around it stay as they were.
 */
export class YamlEditor {
  private readonly eol: string;

  constructor(
    private readonly file: string,
    private readonly doc: YamlDoc,
    private readonly lines: LineIndex,
  ) {
    this.eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  }

  private node(pointer: string): Node | undefined {
    return findNode(this.doc.ast.contents as Node | null, parsePointer(pointer))?.value;
  }

  private edit(start: number, end: number, newText: string): TextEdit {
    return { file: this.file, range: this.lines.rangeOf(start, end), newText };
  }

  /** Column of a node's first character. */
  private column(offset: number): number {
    return this.lines.positionAt(offset).character;
  }

  /**
   * A node's end, back before the next line's indentation when it took that in: an empty item with a
   * comment (`- # later`) ends at the next line's first key, and the new entry goes before that line.
   */
  private contentEnd(offset: number): number {
    const start = this.lines.offsetAt({ line: this.lines.positionAt(offset).line, character: 0 });
    return start < offset && /^[ \t]+$/.test(this.lines.text.slice(start, offset)) ? start : offset;
  }

  /** Offset of the start of the line after the one holding `offset` (end of text when none). */
  private nextLineStart(offset: number): { at: number; needsBreak: boolean } {
    const line = this.lines.positionAt(offset).line;
    if (line + 1 >= this.lines.lineCount) return { at: this.lines.text.length, needsBreak: !/\r?\n$/.test(this.lines.text) };
    return { at: this.lines.offsetAt({ line: line + 1, character: 0 }), needsBreak: false };
  }

  /** Adds `key: value` to the mapping at `pointer` (after its last entry), or undefined when it is not a mapping. */
  insertKey(pointer: string, key: string, value: unknown): TextEdit | undefined {
    const located = findNode(this.doc.ast.contents as Node | null, parsePointer(pointer));
    const target = located?.value;
    if (pointer === '' && (target === undefined || target === null || (isScalar(target) && target.value === null))) {
      const text = this.lines.text;
      const lead = text.length && !/\r?\n$/.test(text) ? this.eol : '';
      return this.edit(text.length, text.length, `${lead}${this.entry(key, value, 0)}${this.eol}`);
    }
    if (!located) return undefined;
    if (isMap(target)) return target.flow ? this.insertFlowEntry(target, `${scalarKey(key)}: ${flowValue(value)}`, '}') : this.insertBlockEntry(target, key, value);
    // `key:` with nothing after it: the new mapping opens under the key.
    if (located.key && (target === undefined || (isScalar(target) && target.value === null && !target.source))) {
      const keyNode = located.key as Node;
      const keyEnd = this.lineEndOffset(keyNode.range![1]);
      const indent = this.column(keyNode.range![0]) + 2;
      return this.edit(keyEnd, keyEnd, `${this.eol}${this.entry(key, value, indent)}`);
    }
    return undefined;
  }

  private insertBlockEntry(map: YAMLMap, key: string, value: unknown): TextEdit | undefined {
    const last = map.items[map.items.length - 1];
    const first = map.items[0];
    const firstKey = first?.key as Node | undefined;
    if (!last || !firstKey?.range) return undefined;
    const indent = this.column(firstKey.range[0]);
    const lastEnd = this.contentEnd(lastOffset(last.value as Node | null) ?? (last.key as Node).range![1]);
    const { at, needsBreak } = this.nextLineStart(Math.max(lastEnd - 1, 0));
    return this.edit(at, at, `${needsBreak ? this.eol : ''}${this.entry(key, value, indent)}${needsBreak ? '' : this.eol}`);
  }

  private insertFlowEntry(node: YAMLMap | YAMLSeq, text: string, close: '}' | ']'): TextEdit | undefined {
    const end = node.range?.[1];
    if (end === undefined) return undefined;
    const closeAt = this.lines.text.lastIndexOf(close, end - 1);
    if (closeAt < 0) return undefined;
    if (!node.items.length) return this.edit(closeAt, closeAt, text);
    const lastItem = node.items[node.items.length - 1] as Node & { value?: Node; key?: Node };
    const lastEnd = lastOffset((lastItem.value ?? lastItem) as Node) ?? closeAt;
    return this.edit(lastEnd, lastEnd, `, ${text}`);
  }

  /** Appends an item to the sequence at `pointer`, or inserts it after item `afterIndex`. */
  addItem(pointer: string, value: unknown, afterIndex?: number): TextEdit | undefined {
    const seq = this.node(pointer);
    if (!isSeq(seq)) return undefined;
    if (seq.flow) return this.insertFlowItem(seq, value, afterIndex);
    const ref = seq.items[afterIndex ?? seq.items.length - 1] as Node | undefined;
    if (!ref?.range) return undefined;
    const dash = this.lines.text.lastIndexOf('-', ref.range[0] - 1);
    const indent = this.column(dash);
    const { at, needsBreak } = this.nextLineStart(Math.max(this.contentEnd(lastOffset(ref) ?? ref.range[1]) - 1, 0));
    return this.edit(at, at, `${needsBreak ? this.eol : ''}${this.item(value, indent)}${needsBreak ? '' : this.eol}`);
  }

  private insertFlowItem(seq: YAMLSeq, value: unknown, afterIndex?: number): TextEdit | undefined {
    if (afterIndex === undefined || afterIndex >= seq.items.length - 1) return this.insertFlowEntry(seq, flowValue(value), ']');
    const ref = seq.items[afterIndex] as Node;
    const end = lastOffset(ref);
    return end === undefined ? undefined : this.edit(end, end, `, ${flowValue(value)}`);
  }

  /** Replaces a scalar value, keeping its quote style. */
  replaceValue(pointer: string, value: unknown): TextEdit | undefined {
    const node = this.node(pointer);
    if (!isScalar(node) || !node.range) return undefined;
    return this.edit(node.range[0], node.range[1], scalarText(value, node));
  }

  /** Renames a mapping key in place. */
  replaceKey(pointer: string, key: string): TextEdit | undefined {
    const located = findNode(this.doc.ast.contents as Node | null, parsePointer(pointer));
    const k = located?.key;
    if (!isScalar(k) || !k.range) return undefined;
    return this.edit(k.range[0], k.range[1], scalarText(key, k));
  }

  /** Turns a scalar sequence item `- x` into `- x:` with one option under it (`cache: false`). */
  itemToMapping(pointer: string, key: string, value: unknown): TextEdit | undefined {
    const node = this.node(pointer);
    if (!isScalar(node) || !node.range) return undefined;
    const indent = this.column(node.range[0]) + 2;
    return this.edit(node.range[0], node.range[1], `${scalarText(node.value, node)}:${this.eol}${this.entry(key, value, indent)}`);
  }

  /** `key: value` at an indentation, block style, without a trailing line break. */
  private entry(key: string, value: unknown, indent: number): string {
    const pad = ' '.repeat(indent);
    if (isCollection(value) && !isEmptyCollection(value)) {
      const body = blockText(value).map((l) => `${pad}  ${l}`).join(this.eol);
      return `${pad}${scalarKey(key)}:${this.eol}${body}`;
    }
    return `${pad}${scalarKey(key)}: ${blockScalar(value)}`;
  }

  /** `- value` at the dash indentation; a mapping item continues under the first key. */
  private item(value: unknown, indent: number): string {
    const pad = ' '.repeat(indent);
    if (isCollection(value) && !isEmptyCollection(value)) {
      const [first, ...rest] = blockText(value);
      return [`${pad}- ${first}`, ...rest.map((l) => `${pad}  ${l}`)].join(this.eol);
    }
    return `${pad}- ${flowValue(value)}`;
  }

  private lineEndOffset(offset: number): number {
    return this.lines.lineEnd(this.lines.positionAt(offset).line);
  }
}

/** The end of a node's own text, without trailing comments or blank lines. */
function lastOffset(node: Node | null | undefined): number | undefined {
  return node?.range?.[1];
}

function isCollection(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function isEmptyCollection(v: object): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

function blockText(value: unknown): string[] {
  return stringify(value, { indent: 2, lineWidth: 0 }).replace(/\n$/, '').split('\n');
}

function flowValue(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).replace(/\n$/, '');
}

/** A scalar in block context, where `{` and `[` inside a plain scalar need no quotes. */
function blockScalar(value: unknown): string {
  return isCollection(value) ? flowValue(value) : stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

function scalarKey(key: string): string {
  return flowValue(key);
}

/** A new scalar in the style of the one it replaces. */
function scalarText(value: unknown, like: Scalar): string {
  if (typeof value !== 'string') return flowValue(value);
  if (like.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (like.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return flowValue(value);
}
