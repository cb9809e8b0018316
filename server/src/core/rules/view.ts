import type { ProjectFiles } from '../model/files';
import type { ProjectModel } from '../model/types';
import { childAt, formatPointer, isRecord, parsePointer, valueAt, type NodePart, type StructuredDoc } from '../parse/document';
import type { Range } from '../text';

export interface ViewContext {
  files: ProjectFiles;
  model: ProjectModel;
  /** Repo-relative path of the file the rule reads. */
  path: string;
  /** Versions known for packages (from lockfiles and virtualenvs in the workspace), by PEP 503 name. */
  knownVersions: Map<string, string>;
}

/**
 * A document as a rule sees it: the parsed file, plus computed facts in properties whose names
 * start with `$` (for example `/stages/train/$scripts`). Errors on facts are placed on the nearest
 * node of the real file; `$deps/0` maps to `deps/0`.
 */
export interface RuleDoc extends StructuredDoc {
  base: StructuredDoc;
  /** The pointer in the real file for a pointer of the view. */
  toBase(pointer: string): string;
}

export function plainView(doc: StructuredDoc): RuleDoc {
  // Not a spread: that would read every getter of the document, a YAML file's syntax tree among them.
  return { value: doc.value, problems: doc.problems, locate: (pointer, part) => doc.locate(pointer, part), base: doc, toBase: (p) => p };
}

/** Wraps a base document and a value with `$` facts added in place. */
export function factView(base: StructuredDoc, value: unknown): RuleDoc {
  // An error's pointer is mapped for its context, then again to place it: once is enough.
  const basePointers = new Map<string, string>();
  const toBase = (pointer: string): string => {
    let known = basePointers.get(pointer);
    if (known === undefined) basePointers.set(pointer, (known = basePointerOf(base.value, pointer)));
    return known;
  };
  return {
    value,
    problems: base.problems,
    base,
    toBase,
    locate(pointer: string, part: NodePart = 'value'): Range | undefined {
      const mapped = toBase(pointer);
      // A fact below a real node: the finding goes on that node's key when it has one.
      const truncated = mapped !== (pointer.includes('/$') ? pointer.replace(/\/\$/g, '/') : pointer);
      return base.locate(mapped, truncated ? 'key' : part) ?? base.locate(mapped, 'value');
    },
  };
}

/** The pointer of the real node a pointer of the view leads to, as far as the real document goes. */
function basePointerOf(root: unknown, pointer: string): string {
  const out: string[] = [];
  let node = root;
  for (const seg of parsePointer(pointer)) {
    const name = seg.startsWith('$') ? seg.slice(1) : seg;
    // One step down from the node reached so far, not a walk from the root per segment.
    node = childAt(node, name);
    if (node === undefined) break;
    out.push(name);
  }
  return formatPointer(out);
}

/** The nearest `$name` fact at or above a pointer of the view. */
export function factAt(value: unknown, pointer: string, name: string): unknown {
  const segments = parsePointer(pointer);
  for (let n = segments.length; n >= 0; n--) {
    const node = valueAt(value, segments.slice(0, n));
    if (isRecord(node) && `$${name}` in node) return node[`$${name}`];
  }
  return undefined;
}

/**
 * A deep copy that views may add facts to: what a trip through JSON gives (non-finite numbers become
 * null, undefined properties go), made by walking the value. The trip through JSON was most of the
 * views' time on a warm edit.
 */
export function cloneValue<T>(value: T): T {
  return value === undefined ? value : (copyAsJson(value, 0) as T);
}

/** Deeper than this, the rest goes through JSON itself: same copy, and the same error for a cycle. */
const MAX_COPY_DEPTH = 256;

function copyAsJson(value: unknown, depth: number): unknown {
  // `+ 0` turns -0 into 0, as JSON does.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_COPY_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(value));
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = omittedByJson(value[i]) ? null : copyAsJson(value[i], depth + 1);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (omittedByJson(item)) continue;
    // A `__proto__` key (js-yaml keeps it as data) must stay a property, not become the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copyAsJson(item, depth + 1), enumerable: true, writable: true, configurable: true });
    else out[key] = copyAsJson(item, depth + 1);
  }
  return out;
}

function omittedByJson(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
