import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../text';
import type { NodePart, ParseProblem, StructuredDoc } from './document';
import { parsePointer } from './document';

/** JSON with comments and trailing commas allowed (devcontainer.json, tsconfig-style files). */
export function parseJson(text: string, index = new LineIndex(text)): StructuredDoc & { tree?: Node } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ParseProblem[] = errors.map((e) => ({
    message: `JSON: ${describe(e)}`,
    range: index.rangeOf(e.offset, e.offset + Math.max(1, e.length)),
    severity: 'error',
  }));
  // A tree with errors still has a best-effort value: a missing comma should not hide every fact in the file.
  const value = tree ? nodeValue(tree) : undefined;
  return {
    value,
    problems,
    tree,
    locate(pointer: string, part: NodePart = 'value') {
      if (!tree) return undefined;
      const segments = parsePointer(pointer).map((s) => (/^\d+$/.test(s) && isArrayPath(tree, pointer) ? Number(s) : s));
      const node = findNodeAtLocation(tree, segments);
      if (!node) return undefined;
      const target = part === 'key' && node.parent?.type === 'property' ? node.parent.children?.[0] : node;
      return target ? index.rangeOf(target.offset, target.offset + target.length) : undefined;
    },
  };
}

function describe(e: ParseError): string {
  return printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A numeric segment indexes an array only where the node on the path is an array. */
function isArrayPath(tree: Node, pointer: string): boolean {
  let node: Node | undefined = tree;
  for (const seg of parsePointer(pointer)) {
    if (!node) return false;
    if (node.type === 'array') {
      node = node.children?.[Number(seg)];
    } else if (node.type === 'object') {
      node = node.children?.find((p) => p.children?.[0]?.value === seg)?.children?.[1];
    } else return false;
  }
  return true;
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) out[String(k.value)] = nodeValue(v);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
