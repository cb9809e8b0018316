import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { LineIndex, type Range } from '../text';
import type { NodePart, ParseProblem, StructuredDoc } from './document';
import { formatPointer } from './document';

interface Span {
  key?: [number, number];
  value: [number, number];
}

type AnyNode = { type: string; range: [number, number]; [k: string]: unknown };

/** TOML with positions: every key path maps to the spans of its key and its value. */
export function parseToml(text: string, index = new LineIndex(text)): StructuredDoc {
  const spans = new Map<string, Span>();
  const problems: ParseProblem[] = [];
  let value: unknown = {};
  try {
    const ast = parseTOML(text);
    value = getStaticTOMLValue(ast);
    for (const top of ast.body as unknown as AnyNode[]) collect(top, [], spans);
  } catch (err) {
    const e = err as { message: string; index?: number };
    const at = errorOffset(text, typeof e.index === 'number' ? e.index : 0);
    problems.push({ message: `TOML: ${e.message}`, range: index.rangeOf(at, Math.min(at + 1, text.length)), severity: 'error' });
    value = undefined;
  }
  return {
    value,
    problems,
    locate(pointer: string, part: NodePart = 'value'): Range | undefined {
      const span = spans.get(pointer);
      if (!span) return undefined;
      const r = part === 'key' && span.key ? span.key : span.value;
      return index.rangeOf(r[0], r[1]);
    },
  };
}

/**
 * The parser reports "value expected" errors at the next token, often the start of the next line
 * or the end of the file; the place to fix is the end of the last line with content before it.
 */
function errorOffset(text: string, at: number): number {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const lineIsBlank = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).trim() === '';
  if (at < text.length && !lineIsBlank) return at;
  return Math.max(0, text.slice(0, at).trimEnd().length - 1);
}

function collect(node: AnyNode, prefix: (string | number)[], spans: Map<string, Span>): void {
  switch (node.type) {
    case 'TOMLTopLevelTable':
      for (const child of node.body as AnyNode[]) collect(child, prefix, spans);
      return;
    case 'TOMLTable': {
      const path = node.resolvedKey as (string | number)[];
      const parts = (node.key as AnyNode & { keys: { range: [number, number] }[] }).keys;
      // `[a.b]` names `/a` and `/a/b`; each pointer's key is its own segment of the header.
      parts.forEach((part, i) => {
        const ptr = formatPointer(path.slice(0, i + 1));
        if (!spans.has(ptr)) spans.set(ptr, { key: part.range, value: node.range });
      });
      if (node.kind === 'array') spans.set(formatPointer(path), { key: parts[parts.length - 1].range, value: node.range });
      for (const child of node.body as AnyNode[]) collect(child, path, spans);
      return;
    }
    case 'TOMLKeyValue': {
      const keyNode = node.key as AnyNode & { keys: { name?: string; value?: string; range: [number, number] }[] };
      const names = keyNode.keys.map((k) => String(k.name ?? k.value));
      for (let i = 0; i < names.length - 1; i++) {
        const ptr = formatPointer([...prefix, ...names.slice(0, i + 1)]);
        if (!spans.has(ptr)) spans.set(ptr, { key: keyNode.keys[i].range, value: node.range });
      }
      const path = [...prefix, ...names];
      spans.set(formatPointer(path), { key: keyNode.range, value: (node.value as AnyNode).range });
      collectValue(node.value as AnyNode, path, spans);
      return;
    }
    default:
      return;
  }
}

function collectValue(node: AnyNode, path: (string | number)[], spans: Map<string, Span>): void {
  if (node.type === 'TOMLArray') {
    (node.elements as AnyNode[]).forEach((el, i) => {
      spans.set(formatPointer([...path, i]), { value: el.range });
      collectValue(el, [...path, i], spans);
    });
  } else if (node.type === 'TOMLInlineTable') {
    for (const kv of node.body as AnyNode[]) collect(kv, path, spans);
  }
}
