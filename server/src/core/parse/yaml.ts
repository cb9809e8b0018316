import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { LineIndex, type Range } from '../text';
import type { NodePart, ParseProblem, StructuredDoc } from './document';
import { parsePointer } from './document';
import { yamlOutline, type YamlOutline } from './yaml-outline';

/** Alias expansion cap: a "billion laughs" file must fail fast, not eat the heap. */
const MAX_ALIAS_COUNT = 1000;

/** A YAML document keeps its AST so that fixes can edit the text around exact nodes. */
export interface YamlDoc extends StructuredDoc {
  ast: Document.Parsed;
}

export interface YamlFile {
  documents: YamlDoc[];
  /** Problems of every document, plus stream-level ones. */
  problems: ParseProblem[];
}

/** More aliases than this and values are built by the parser that caps their expansion. */
const FAST_PATH_MAX_ALIASES = 64;

/**
 * YAML in two tiers. Values come from js-yaml (YAML 1.2 core schema, like the `yaml` package's
 * default), several times faster; the `yaml` package's tree, which knows every node's position,
 * is built only when a position the line outline cannot give or an edit is asked for. A file js-yaml
 * rejects, or one full of aliases, goes straight to the full parser, whose errors carry exact ranges.
 */
export function parseYaml(source: string, index = new LineIndex(source), mode: 'fast' | 'vouched' | 'full' = 'fast'): YamlFile {
  // A lone CR ends a line (old Mac files); the parsers disagree, so make it LF: same length, same offsets.
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
  const values = mode === 'full' ? undefined : fastValues(text);
  if (!values) return parseYamlFully(text, index);
  let full: YamlFile | undefined;
  const parsed = () => (full ??= parseYamlFully(text, index));
  // Positions come from a line outline where it can tell, so that findings in plain block YAML need no tree.
  let outline: YamlOutline | null | undefined;
  const outlined = () => (outline === undefined ? (outline = yamlOutline(index, values.length) ?? null) : outline);
  // js-yaml accepts a few documents the `yaml` package rejects (a quoted scalar continued at column 0):
  // for files whose rules matter, what the outline does not read is judged by the full parser.
  if (mode === 'vouched' && !outlined()) return parsed();
  const documents = values.map((value, i): YamlDoc => ({
    value,
    problems: [],
    locate: (pointer, part = 'value') => {
      const span = outlined()?.locate(i, pointer, part);
      if (!span) return parsed().documents[i]?.locate(pointer, part);
      const found = index.rangeOf(span[0], span[1]);
      if (CHECK_OUTLINE) checkOutline(found, parsed().documents[i]?.locate(pointer, part), pointer, part, text);
      return found;
    },
    get ast() {
      return parsed().documents[i].ast;
    },
  }));
  return { documents, problems: [] };
}

/** Set in tests: every position the outline gives is compared with the full tree's. */
const CHECK_OUTLINE = !!process.env.MLM_CHECK_YAML_OUTLINE;

function checkOutline(found: Range, expected: Range | undefined, pointer: string, part: string, text: string): void {
  if (JSON.stringify(found) !== JSON.stringify(expected)) {
    throw new Error(`YAML outline disagrees at ${pointer} (${part}): ${JSON.stringify(found)} vs ${JSON.stringify(expected)} in\n${text}`);
  }
}

function fastValues(text: string): unknown[] | undefined {
  if ((text.match(/(^|[\s[{,:-])\*[^\s,\]}]+/g)?.length ?? 0) > FAST_PATH_MAX_ALIASES) return undefined;
  try {
    const values: unknown[] = [];
    loadAll(text, (v) => values.push(v === undefined ? null : v), { schema: CORE_SCHEMA });
    return values.length ? values : [null];
  } catch {
    return undefined;
  }
}

/** The `yaml` package's parse: every node with its position, and every error with its range. */
export function parseYamlFully(source: string, index = new LineIndex(source)): YamlFile {
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
  const lineCounter = new LineCounter();
  const problems: ParseProblem[] = [];
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs];
    // An empty stream is still one (empty) document, so that fixes can add to it.
    if (docs.length === 0) docs = [parseDocument(text, { lineCounter }) as Document.Parsed];
  } catch (err) {
    problems.push({ message: `YAML could not be read: ${(err as Error).message}`, range: index.rangeOf(0, 0), severity: 'error' });
    return { documents: [], problems };
  }
  const documents = docs.map((doc) => yamlDocument(doc, index));
  for (const d of documents) problems.push(...d.problems);
  return { documents, problems };
}

function yamlDocument(doc: Document.Parsed, index: LineIndex): YamlDoc {
  const problems: ParseProblem[] = [];
  for (const e of doc.errors) problems.push(problem(e.message, e.pos, index, 'error'));
  for (const w of doc.warnings) problems.push(problem(w.message, w.pos, index, 'warning'));
  let value: unknown = null;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      const at = doc.contents?.range ?? [0, 0];
      problems.push(problem(`YAML value could not be built: ${(err as Error).message}`, [at[0], at[0]], index, 'error'));
    }
  }
  return {
    value,
    problems,
    ast: doc,
    locate(pointer: string, part: NodePart = 'value') {
      const found = findNode(doc.contents as Node | null, parsePointer(pointer));
      if (!found) return undefined;
      const node = part === 'key' && found.key ? found.key : found.value;
      const r = node?.range;
      return r ? index.rangeOf(r[0], r[1]) : undefined;
    },
  };
}

export interface Located {
  key?: Node;
  value?: Node;
}

export function findNode(root: Node | null, segments: readonly string[]): Located | undefined {
  let current: Located = { value: root ?? undefined };
  for (const seg of segments) {
    const node = current.value;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === seg);
      if (!pair) return undefined;
      current = { key: pair.key as Node, value: (pair.value as Node) ?? (pair.key as Node) };
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) return undefined;
      current = { value: item as Node };
    } else {
      return undefined;
    }
  }
  return current;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function problem(message: string, pos: [number, number], index: LineIndex, severity: 'error' | 'warning'): ParseProblem {
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const end = pos[1] > pos[0] ? pos[1] : pos[0] + 1;
  return { message: firstLine, range: index.rangeOf(pos[0], Math.min(end, index.text.length)), severity };
}

/**
 * Where a key probably is, found by reading lines rather than building the tree: each segment of
 * the path is looked for below the previous one, more indented. Exact for ordinary files; used for
 * evidence, which must not make a large file pay for a full parse (findings use `locate`).
 */
export function approximateKeyRange(index: LineIndex, segments: readonly string[]): Range | undefined {
  let from = 0;
  let indent = -1;
  let found: Range | undefined;
  for (const seg of segments) {
    const item = /^\d+$/.test(seg);
    found = item ? nthItem(index, from, indent, Number(seg)) : keyBelow(index, from, indent, seg);
    if (!found) return undefined;
    // An item's own keys start on its line, at its column; a key's children are below and further in.
    from = item ? found.start.line : found.start.line + 1;
    indent = item ? found.start.character - 1 : found.start.character;
  }
  return found;
}

/** The sticky expression of each key asked for: the same few keys (`lr`, `seed`) are asked of a thousand configs. */
const keyPatterns = new Map<string, RegExp>();

function keyBelow(index: LineIndex, from: number, indent: number, key: string): Range | undefined {
  let re = keyPatterns.get(key);
  if (!re) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Sticky at each line's start, white space that stops at the line's end: no line is copied out of the text.
    re = new RegExp(`([^\\S\\r\\n]*(?:-[^\\S\\r\\n]+)?)(["']?)${escaped}\\2[^\\S\\r\\n]*:`, 'y');
    // Keys come from the files themselves: the map is bounded, and starts over rather than grow.
    if (keyPatterns.size >= 1024) keyPatterns.clear();
    keyPatterns.set(key, re);
  }
  for (let line = from; line < index.lineCount; line++) {
    re.lastIndex = index.offsetAt({ line, character: 0 });
    const m = re.exec(index.text);
    if (!m) continue;
    const col = m[1].length;
    if (col <= indent) continue;
    return { start: { line, character: col }, end: { line, character: col + m[2].length * 2 + key.length } };
  }
  return undefined;
}

/** The n-th `- item` under a key (block sequences; a flow sequence stays on the key's line). */
function nthItem(index: LineIndex, from: number, indent: number, n: number): Range | undefined {
  let seen = -1;
  for (let line = from; line < index.lineCount; line++) {
    const text = index.lineText(line);
    if (!text.trim() || text.trim().startsWith('#')) continue;
    const lead = text.length - text.trimStart().length;
    if (lead <= indent && !text.trimStart().startsWith('-')) return undefined;
    const dash = /^(\s*)-(\s+|$)/.exec(text);
    if (!dash || dash[1].length < indent) continue;
    if (++seen === n) {
      const col = dash[0].length;
      return { start: { line, character: col }, end: { line, character: text.trimEnd().length } };
    }
  }
  return undefined;
}
