import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { formatPointer, type NodePart } from '../../server/src/core/parse/document';
import { parseYaml, parseYamlFully } from '../../server/src/core/parse/yaml';
import { yamlOutline } from '../../server/src/core/parse/yaml-outline';
import { LineIndex, range, type Range } from '../../server/src/core/text';
import { filesUnder } from '../support/files';

const ROOT = path.join(__dirname, '..', '..', '..');

function valuesOf(text: string): unknown[] {
  const values: unknown[] = [];
  loadAll(text, (v) => values.push(v === undefined ? null : v), { schema: CORE_SCHEMA });
  return values.length ? values : [null];
}

/** The outline's answer as a range, or undefined when it leaves the question to the full tree. */
function outlined(text: string, pointer: string, part: NodePart = 'value', doc = 0): Range | undefined {
  const outline = yamlOutline(new LineIndex(text), valuesOf(text).length);
  const span = outline?.locate(doc, pointer, part);
  return span && new LineIndex(text).rangeOf(span[0], span[1]);
}

function* pointersOf(value: unknown, segments: string[] = []): Generator<string> {
  yield formatPointer(segments);
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* pointersOf(v, [...segments, k]);
}

/** Every pointer of every document, both parts: wherever the outline answers, the full tree agrees. */
function crossCheck(text: string): { asked: number; answered: number } {
  const values = valuesOf(text);
  const index = new LineIndex(text);
  const outline = yamlOutline(index, values.length);
  const full = parseYamlFully(text);
  let asked = 0;
  let answered = 0;
  values.forEach((value, doc) => {
    for (const pointer of pointersOf(value)) {
      for (const part of ['key', 'value'] as const) {
        asked++;
        const span = outline?.locate(doc, pointer, part);
        if (!span) continue;
        answered++;
        assert.deepStrictEqual(index.rangeOf(span[0], span[1]), full.documents[doc].locate(pointer, part), `${pointer} (${part}) in:\n${text}`);
      }
    }
  });
  return { asked, answered };
}

describe('YAML outline: positions without the full tree', () => {
  const workflow = [
    'name: ci  # the name',
    'on:',
    '  push:',
    '    branches: [main, "dev"]',
    '  pull_request:',
    '',
    'jobs:',
    '  test:',
    "    runs-on: 'ubuntu-latest'",
    '    steps:',
    '    - uses: actions/checkout@v4',
    '    - run: |',
    '        pip install -r requirements.txt',
    '',
    '        pytest',
    '      name: tests',
    '    -',
    '    - plain item',
    'env:',
    '  SEED: -1',
    '',
  ].join('\n');

  it('places keys, one-line scalars, quoted scalars and flow collections as the tree does', () => {
    assert.deepStrictEqual(outlined(workflow, '/name'), range(0, 6, 0, 8));
    assert.deepStrictEqual(outlined(workflow, '/name', 'key'), range(0, 0, 0, 4));
    assert.deepStrictEqual(outlined(workflow, '/on/push/branches'), range(3, 14, 3, 27));
    assert.deepStrictEqual(outlined(workflow, '/on/push/branches/1'), range(3, 21, 3, 26));
    assert.deepStrictEqual(outlined(workflow, '/jobs/test/runs-on'), range(8, 13, 8, 28));
    assert.deepStrictEqual(outlined(workflow, '/env/SEED'), range(19, 8, 19, 10));
  });

  it('a null value sits after the colon, and ends the mapping it closes', () => {
    assert.deepStrictEqual(outlined(workflow, '/on/pull_request'), range(4, 15, 4, 15));
    assert.deepStrictEqual(outlined(workflow, '/on'), range(2, 2, 4, 15));
  });

  it('a block collection runs to the start of the line after its last content; a block scalar too', () => {
    assert.deepStrictEqual(outlined(workflow, '/jobs/test/steps'), range(10, 4, 18, 0));
    assert.deepStrictEqual(outlined(workflow, '/jobs/test/steps/1'), range(11, 6, 16, 0));
    assert.deepStrictEqual(outlined(workflow, '/jobs/test/steps/1/run'), range(11, 11, 15, 0));
    assert.deepStrictEqual(outlined(workflow, '/jobs/test/steps/2'), range(16, 5, 16, 5));
    assert.deepStrictEqual(outlined(workflow, '/jobs/test/steps/3', 'key'), range(17, 6, 17, 16));
  });

  it('reads every document of a stream, and CRLF line ends', () => {
    const stream = 'kind: A\r\n---\r\nkind: B\r\nspec:\r\n  x: 1\r\n';
    assert.deepStrictEqual(outlined(stream, '/spec/x', 'value', 1), range(4, 5, 4, 6));
    assert.deepStrictEqual(outlined(stream, '/spec', 'value', 1), range(4, 2, 5, 0));
  });

  it('leaves to the full tree what it does not read: anchors, tags, multi-line scalars, tabs, odd keys, trailing comments', () => {
    assert.strictEqual(outlined('a: &x 1\nb: *x\n', '/a'), undefined);
    assert.strictEqual(outlined('a: !!str 1\n', '/a'), undefined);
    assert.strictEqual(outlined('a: one\n  two\nb: 1\n', '/b'), undefined);
    assert.strictEqual(outlined('a: [1,\n  2]\n', '/a'), undefined);
    assert.strictEqual(outlined('a: 1\t# tab\n', '/a'), undefined);
    assert.strictEqual(outlined('a: |+\n  x\n\n', '/a'), undefined);
    assert.strictEqual(outlined('1.0: a\ntrue: b\n', '/1', 'key'), undefined);
    assert.strictEqual(outlined('a: [[1], 2]\n', '/a/1'), undefined);
    // Comments after a mapping's last value may or may not belong to it in the tree: no answer.
    assert.strictEqual(outlined('a:\n  b: # why\nc: 1\n', '/a'), undefined);
    assert.deepStrictEqual(outlined('a:\n  b: # why\nc: 1\n', '/c'), range(2, 3, 2, 4));
  });

  it('a file js-yaml accepts but the full parser rejects gets the full parser\'s verdict where it is vouched for', () => {
    // A quoted scalar continued at column 0: js-yaml reads "ci ", the `yaml` package reports a missing quote.
    const text = "name: 'ci\n'\njobs:\n  build:\n    runs-on: x\n";
    assert.deepStrictEqual(parseYaml(text).problems, [], 'the fast tier alone does not see it');
    const vouched = parseYaml(text, undefined, 'vouched');
    assert.strictEqual(vouched.problems[0]?.message, "Missing closing 'quote");
    assert.deepStrictEqual(vouched.problems[0]?.range, range(0, 9, 1, 0));
  });

  it('agrees with the full tree on tricky inline documents', () => {
    const texts = [
      'a:\n  b: 1\n\n  # inner\n\n# outer\nc:\n- x\n-\n- y  # yc\nd:   # dc\ne:    v   \nf: |\n  l1\n\n\n# after\ng:\n  - run: |\n      echo\n    name: n\nh:\n  k: end',
      '# lead\n\na: 1\nb:\n  - x # c\n# trail\n\n',
      "'q k': 1\n\"d\": 2\nx :   3\n",
      'a: |\n  x\n   \n  y\n\n  \nb: |-\n    deep\n  \nc: >\n  f\n',
      'k:\n  - a\n  -   b\n  - "q # not a comment"   # x\n  - {a: 1}\n',
      'steps:\n- name: a\n  run: \'echo "x: y"\'\n- name: b\n  with:\n    k: v\n',
      '---\na: 1\n---\n---\nb:\n',
      'url: http://x/y#z\nneg: -1\n',
      'a:\n  b:\n    c:\n',
      'deps: [a b, "c, d", \'e\', -f,]\nouts: []\n',
    ];
    for (const text of texts) crossCheck(text);
  });

  it('agrees with the full tree on every pointer of the example repository and a generated one, and answers most of them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlm-outline-'));
    try {
      const generate = (await import(path.join(ROOT, 'bench', 'generate.mjs'))) as { generateRepo: (root: string, p: number, f: number, seed: number) => number };
      generate.generateRepo(dir, 2, 60, 7);
      let asked = 0;
      let answered = 0;
      for (const p of [...filesUnder(path.join(ROOT, 'examples'), /\.ya?ml$/), ...filesUnder(dir, /\.ya?ml$/)]) {
        const n = crossCheck(fs.readFileSync(p, 'utf8'));
        asked += n.asked;
        answered += n.answered;
      }
      assert.ok(asked > 1000, `${asked} pointers asked`);
      assert.ok(answered / asked > 0.8, `answered ${answered} of ${asked}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
