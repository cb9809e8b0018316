import * as assert from 'assert';
import { applyEdits } from '../../server/src/core/fix/apply';
import type { TextEdit } from '../../server/src/core/fix/types';
import { YamlEditor } from '../../server/src/core/fix/yaml-edit';
import { parseYaml } from '../../server/src/core/parse/yaml';
import { LineIndex } from '../../server/src/core/text';

function edit(text: string, fn: (e: YamlEditor) => TextEdit | undefined, doc = 0): string {
  const index = new LineIndex(text);
  const yaml = parseYaml(text, index);
  const e = fn(new YamlEditor('f.yml', yaml.documents[doc], index));
  assert.ok(e, 'an edit');
  const out = applyEdits(text, [e]).text;
  assert.deepStrictEqual(parseYaml(out).problems, [], `result parses:\n${out}`);
  return out;
}

describe('YAML edits keep formatting', () => {
  it('inserts a key at the end of a block mapping, before a following comment and blank lines', () => {
    const text = 'jobs:\n  build:   # the build\n    runs-on: ubuntu-latest   # pinned runner\n    steps:\n      - run: make\n\n  # deploy comes next\n  deploy:\n    runs-on: x\n';
    assert.strictEqual(
      edit(text, (e) => e.insertKey('/jobs/build', 'timeout-minutes', 60)),
      'jobs:\n  build:   # the build\n    runs-on: ubuntu-latest   # pinned runner\n    steps:\n      - run: make\n    timeout-minutes: 60\n\n  # deploy comes next\n  deploy:\n    runs-on: x\n',
    );
  });

  it('inserts after a sequence whose last item is empty with a comment, not into the next mapping (npm run fuzz, seed 9001)', () => {
    const text = 'jobs:\n  test:\n    steps:\n      - uses: a\n      - #run: echo\n  build:\n    runs-on: x\n';
    assert.strictEqual(
      edit(text, (e) => e.insertKey('/jobs/test', 'timeout-minutes', 60)),
      'jobs:\n  test:\n    steps:\n      - uses: a\n      - #run: echo\n    timeout-minutes: 60\n  build:\n    runs-on: x\n',
    );
    assert.strictEqual(
      edit(text.replace(/\n/g, '\r\n'), (e) => e.addItem('/jobs/test/steps', { run: 'pytest' })),
      'jobs:\r\n  test:\r\n    steps:\r\n      - uses: a\r\n      - #run: echo\r\n      - run: pytest\r\n  build:\r\n    runs-on: x\r\n',
    );
  });

  it('inserts at the root with the root indentation, and at the end of a file without a final newline', () => {
    assert.strictEqual(edit('name: ci\non: push', (e) => e.insertKey('', 'permissions', { contents: 'read' })), 'name: ci\non: push\npermissions:\n  contents: read');
    assert.strictEqual(edit('a: 1\n', (e) => e.insertKey('', 'seed', 42)), 'a: 1\nseed: 42\n');
  });

  it('inserts into an empty file', () => {
    assert.strictEqual(edit('', (e) => e.insertKey('', 'seed', 42)), 'seed: 42\n');
    assert.strictEqual(edit('# only a comment\n', (e) => e.insertKey('', 'seed', 42)), '# only a comment\nseed: 42\n');
  });

  it('inserts into a flow mapping', () => {
    assert.strictEqual(edit('with: {python-version: "3.11"}  # keep\n', (e) => e.insertKey('/with', 'cache', 'pip')), 'with: {python-version: "3.11", cache: pip}  # keep\n');
    assert.strictEqual(edit('with: {}\n', (e) => e.insertKey('/with', 'cache', 'pip')), 'with: {cache: pip}\n');
  });

  it('opens a mapping under a key with no value', () => {
    assert.strictEqual(edit('steps:\n  - uses: actions/setup-python@v5\n    with:\n  - run: x\n', (e) => e.insertKey('/steps/0/with', 'python-version', '3.11')), 'steps:\n  - uses: actions/setup-python@v5\n    with:\n      python-version: "3.11"\n  - run: x\n');
  });

  it('keeps odd indentation', () => {
    assert.strictEqual(edit('jobs:\n     build:\n          runs-on: x\n', (e) => e.insertKey('/jobs/build', 'timeout-minutes', 60)), 'jobs:\n     build:\n          runs-on: x\n          timeout-minutes: 60\n');
  });

  it('keeps CRLF line endings', () => {
    assert.strictEqual(edit('jobs:\r\n  build:\r\n    runs-on: x\r\n', (e) => e.insertKey('/jobs/build', 'timeout-minutes', 60)), 'jobs:\r\n  build:\r\n    runs-on: x\r\n    timeout-minutes: 60\r\n');
  });

  it('adds a block sequence item after a given item, mapping items included', () => {
    const text = 'steps:\n  - uses: actions/checkout@v4\n  - run: pip install -r requirements.txt   # deps\n  - run: echo done\n';
    assert.strictEqual(
      edit(text, (e) => e.addItem('/steps', { run: 'python -m pytest' }, 1)),
      'steps:\n  - uses: actions/checkout@v4\n  - run: pip install -r requirements.txt   # deps\n  - run: python -m pytest\n  - run: echo done\n',
    );
    assert.strictEqual(edit('deps:\n- a.py\n- b.py\n', (e) => e.addItem('/deps', 'c.py')), 'deps:\n- a.py\n- b.py\n- c.py\n');
  });

  it('adds a flow sequence item', () => {
    assert.strictEqual(edit('branches: [main, dev]\n', (e) => e.addItem('/branches', 'release')), 'branches: [main, dev, release]\n');
  });

  it('replaces a value keeping its quotes, and renames a key', () => {
    assert.strictEqual(edit('python-version: "3.x"  # floating\n', (e) => e.replaceValue('/python-version', '3.11')), 'python-version: "3.11"  # floating\n');
    assert.strictEqual(edit("v: '3.x'\n", (e) => e.replaceValue('/v', '3.11')), "v: '3.11'\n");
    assert.strictEqual(edit('rules:\n  ci.test: off\n', (e) => e.replaceKey('/rules/ci.test', 'ci.tests')), 'rules:\n  ci.tests: off\n');
  });

  it('turns a sequence item into a mapping with an option', () => {
    assert.strictEqual(edit('metrics:\n  - metrics.json   # scores\n', (e) => e.itemToMapping('/metrics/0', 'cache', false)), 'metrics:\n  - metrics.json:\n      cache: false   # scores\n');
  });

  it('works next to anchors and aliases, in the right document of a stream', () => {
    const text = 'kind: A\n---\ndefaults: &d\n  runs-on: x\njobs:\n  a:\n    <<: *d\n    steps: []\n';
    assert.strictEqual(edit(text, (e) => e.insertKey('/jobs/a', 'timeout-minutes', 30), 1), 'kind: A\n---\ndefaults: &d\n  runs-on: x\njobs:\n  a:\n    <<: *d\n    steps: []\n    timeout-minutes: 30\n');
  });
});
