import * as assert from 'assert';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { dockerfileDocument, parseDockerfile } from '../../server/src/core/parse/dockerfile';
import type { StructuredDoc } from '../../server/src/core/parse/document';
import { parseRequirements, requirementsDocument } from '../../server/src/core/parse/requirements';
import { rangeOfSchemaError } from '../../server/src/core/parse/schema-range';
import { parseToml } from '../../server/src/core/parse/toml';
import { parseYaml } from '../../server/src/core/parse/yaml';
import { range, type Range } from '../../server/src/core/text';

const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });

/** Every error of `schema` on the document, as [keyword, range]. */
function ranges(doc: StructuredDoc, schema: object): [string, Range][] {
  const validate = ajv.compile(schema);
  validate(doc.value);
  return (validate.errors ?? []).map((e: ErrorObject) => [e.keyword, rangeOfSchemaError(doc, e)]);
}

const stageSchema = {
  type: 'object',
  properties: {
    stages: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['cmd'],
        properties: { cmd: { type: 'string' }, deps: { type: 'array', items: { type: 'string', pattern: '^[^/]' } }, frozen: { type: 'boolean' } },
        additionalProperties: false,
      },
    },
  },
};

describe('schema error -> source range', () => {
  it('YAML: missing key on the parent key, wrong value on the value, unexpected key on the key, a sequence item', () => {
    const doc = parseYaml('stages:\n  prep:\n    deps:\n      - data/raw\n      - /abs/path\n    frozen: "yes"\n    cmdd: python prep.py\n').documents[0];
    assert.deepStrictEqual(ranges(doc, stageSchema), [
      ['required', range(1, 2, 1, 6)],
      ['additionalProperties', range(6, 4, 6, 8)],
      ['pattern', range(4, 8, 4, 17)],
      ['type', range(5, 12, 5, 17)],
    ]);
  });

  it('YAML: a required key missing at the root goes on the first line', () => {
    const doc = parseYaml('# comment\nname: x\n').documents[0];
    assert.deepStrictEqual(ranges(doc, { type: 'object', required: ['jobs'] }), [['required', range(0, 0, 0, 0)]]);
  });

  it('YAML: keys with / and ~ are found through escaped pointers', () => {
    const doc = parseYaml('on:\n  "pull/request": 1\n  "a~b": 2\n').documents[0];
    const schema = { type: 'object', properties: { on: { type: 'object', additionalProperties: { type: 'string' } } } };
    assert.deepStrictEqual(ranges(doc, schema), [['type', range(1, 18, 1, 19)], ['type', range(2, 9, 2, 10)]]);
  });

  it('TOML: the same four cases', () => {
    const doc = parseToml('[stages.prep]\ndeps = ["data/raw", "/abs/path"]\nfrozen = "yes"\ncmdd = "python prep.py"\n');
    assert.deepStrictEqual(ranges(doc, stageSchema), [
      ['required', range(0, 8, 0, 12)],
      ['additionalProperties', range(3, 0, 3, 4)],
      ['pattern', range(1, 20, 1, 31)],
      ['type', range(2, 9, 2, 14)],
    ]);
  });

  it('requirements: a wrong specifier on the specifier, an item on its line, an unexpected field on the name', () => {
    const file = parseRequirements('pandas==2.2.2\nscikit-learn>=1.4  # loose\ntorch\n');
    const doc = requirementsDocument(file);
    const schema = {
      type: 'object',
      properties: {
        requirements: {
          type: 'array',
          items: { type: 'object', required: ['name'], properties: { pinned: { const: true }, specifier: { type: 'string', minLength: 1 } } },
        },
      },
    };
    assert.deepStrictEqual(ranges(doc, schema), [
      ['const', range(1, 12, 1, 17)],
      ['const', range(2, 5, 2, 5)],
      ['minLength', range(2, 5, 2, 5)],
    ]);
    const noExtras = { type: 'object', properties: { requirements: { type: 'array', items: { type: 'object', properties: { extras: { maxItems: 0, type: 'array' } } } } } };
    assert.deepStrictEqual(ranges(requirementsDocument(parseRequirements('uvicorn[standard]==0.30.1\n')), noExtras), [['maxItems', range(0, 0, 0, 25)]]);
    assert.deepStrictEqual(ranges(doc, { type: 'object', properties: { requirements: { type: 'array', maxItems: 2 } } }), [['maxItems', range(0, 0, 0, 0)]]);
  });

  it('Dockerfile: a wrong argument on the arguments, a missing instruction on the first line, an item on the instruction', () => {
    const file = parseDockerfile('FROM python:latest\nRUN pip install \\\n    numpy\n');
    const doc = dockerfileDocument(file);
    const schema = {
      type: 'object',
      required: ['healthcheck'],
      properties: { instructions: { type: 'array', items: { type: 'object', properties: { args: { type: 'string', not: { pattern: ':latest\\b' } } } } } },
    };
    assert.deepStrictEqual(ranges(doc, schema), [
      ['required', range(0, 0, 0, 0)],
      ['not', range(0, 5, 0, 18)],
    ]);
    const noRun = { type: 'object', properties: { instructions: { type: 'array', items: { type: 'object', properties: { keyword: { not: { const: 'RUN' } } } } } } };
    assert.deepStrictEqual(ranges(doc, noRun), [['not', range(1, 0, 1, 3)]]);
    assert.deepStrictEqual(dockerfileDocument(file).locate('/instructions/1'), range(1, 0, 2, 9));
    assert.deepStrictEqual(dockerfileDocument(file).locate('/instructions/1/args'), range(1, 4, 2, 9));
  });
});
