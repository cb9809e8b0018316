import type { ErrorObject } from 'ajv';
import { FIRST_LINE, type Range } from '../text';
import { formatPointer, parsePointer, type StructuredDoc } from './document';

/**
 * Where a JSON-Schema error belongs in the text (rules.md): a missing property on the key of its
 * parent mapping (the first line when the parent is the root), an unexpected key on that key, a
 * wrong value on the value, a sequence item on the item. Never the whole file when a node exists.
 */
export function rangeOfSchemaError(doc: StructuredDoc, error: ErrorObject, base = ''): Range {
  const pointer = base + error.instancePath;
  if (error.keyword === 'required' || error.keyword === 'dependentRequired') {
    return (pointer ? doc.locate(pointer, 'key') : undefined) ?? FIRST_LINE;
  }
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
    const key = params.additionalProperty ?? params.unevaluatedProperty ?? '';
    return doc.locate(pointer + formatPointer([key]), 'key') ?? nearest(doc, pointer);
  }
  if (error.keyword === 'propertyNames') {
    const key = (error.params as { propertyName?: string }).propertyName ?? '';
    return doc.locate(pointer + formatPointer([key]), 'key') ?? nearest(doc, pointer);
  }
  return doc.locate(pointer, 'value') ?? nearest(doc, pointer);
}

/** The closest ancestor that exists in the text. */
function nearest(doc: StructuredDoc, pointer: string): Range {
  const segments = parsePointer(pointer);
  for (let n = segments.length; n > 0; n--) {
    const r = doc.locate(formatPointer(segments.slice(0, n)), 'key');
    if (r) return r;
  }
  return FIRST_LINE;
}
