import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import { LineIndex } from '../text';
import type { NodePart, ParseProblem, StructuredDoc } from './document';
import { parsePointer } from './document';

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

export function parseYaml(text: string, index = new LineIndex(text)): YamlFile {
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

export function findNode(root: Node | null, segments: string[]): Located | undefined {
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
