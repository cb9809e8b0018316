import * as assert from 'assert';
import { range } from '../../server/src/core/text';
import { analyzeFiles } from '../support/repo';

const S = 'https://json-schema.org/draft/2020-12/schema';
const CONFIG = { '.mlmaturity.yml': 'ruleFolders:\n  - .mlmaturity/rules\n' };

const timeoutRule = JSON.stringify({
  $schema: S,
  rule: { id: 'team/job-timeout', title: 'Every job sets timeout-minutes', severity: 'error', level: 3, target: { kinds: ['github-workflow'] }, message: "Job '{seg.1}' must set timeout-minutes (team policy).", rationale: 'Our runners are shared; a hung job blocks everyone.' },
  type: 'object',
  properties: { jobs: { type: 'object', additionalProperties: { type: 'object', required: ['timeout-minutes'] } } },
}, null, 2);

const seedRule = JSON.stringify({
  $schema: S,
  rule: { id: 'team/train-seed', title: 'params.yaml sets train.seed', severity: 'warning', level: 2, target: { kinds: ['params'], globs: ['**/params.yaml'] }, message: "'{missing}' is missing under '{seg.0}'.", rationale: 'Every training run must be repeatable.', fixes: [{ title: 'Add seed: 0', safe: true, edits: [{ op: 'insert-key', at: '{basePointer}', key: 'seed', value: 0 }] }] },
  type: 'object',
  required: ['train'],
  properties: { train: { type: 'object', required: ['seed'] } },
});

const mlflowRule = JSON.stringify({
  $schema: S,
  rule: { id: 'team/uses-mlflow', title: 'The project tracks with MLflow', severity: 'warning', level: 2, target: { kinds: ['project'] }, message: 'Team standard: track experiments with MLflow.', rationale: 'One tracking server for the whole team.' },
  type: 'object',
  properties: { tools: { type: 'array', contains: { type: 'object', properties: { id: { const: 'mlflow' } }, required: ['id'] } } },
});

describe('custom rules', () => {
  it('a rule for a file kind: "every workflow job sets timeout-minutes"', async () => {
    const result = await analyzeFiles({ ...CONFIG, '.mlmaturity/rules/timeout.json': timeoutRule, '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: x\n' });
    const f = result.findings.find((x) => x.ruleId === 'team/job-timeout');
    assert.ok(f);
    assert.deepStrictEqual([f.file, f.range, f.message, f.severity], ['.github/workflows/ci.yml', range(2, 2, 2, 7), "Job 'build' must set timeout-minutes (team policy).", 'info']);
  });

  it('a rule with a fix for a glob: "params.yaml must have train.seed"', async () => {
    const result = await analyzeFiles({ ...CONFIG, '.mlmaturity/rules/seed.json': seedRule, 'params.yaml': 'train:\n  lr: 0.1\n' });
    const f = result.findings.find((x) => x.ruleId === 'team/train-seed');
    assert.ok(f);
    assert.deepStrictEqual([f.range, f.message], [range(0, 0, 0, 5), "'seed' is missing under 'train'."]);
    assert.deepStrictEqual(f.fixes?.[0].edits.map((e) => e.newText), ['  seed: 0\n']);
  });

  it('a fix condition of a custom rule is compiled at run time and decides which fix is offered', async () => {
    const conditional = JSON.stringify({
      $schema: S,
      rule: {
        id: 'team/train-seed-when', title: 'params.yaml sets train.seed', severity: 'warning', level: 2, target: { kinds: ['params'] }, message: "'{missing}' is missing.", rationale: 'Every training run must be repeatable.',
        fixes: [
          { title: 'Add seed: 0', safe: true, when: { properties: { missing: { const: 'seed' } }, required: ['missing'] }, edits: [{ op: 'insert-key', at: '{basePointer}', key: 'seed', value: 0 }] },
          { title: 'Never offered', safe: true, when: { properties: { missing: { const: 'other' } }, required: ['missing'] }, edits: [{ op: 'insert-key', at: '{basePointer}', key: 'x', value: 0 }] },
        ],
      },
      type: 'object',
      properties: { train: { type: 'object', required: ['seed'] } },
    });
    const result = await analyzeFiles({ ...CONFIG, '.mlmaturity/rules/seed.json': conditional, 'params.yaml': 'train:\n  lr: 0.1\n' });
    const f = result.findings.find((x) => x.ruleId === 'team/train-seed-when');
    assert.deepStrictEqual(f?.fixes?.map((x) => x.title), ['Add seed: 0']);
  });

  it('a rule over the project model reports on the config file', async () => {
    const result = await analyzeFiles({ ...CONFIG, '.mlmaturity/rules/mlflow.json': mlflowRule, 'requirements.txt': 'wandb==0.17.0\n' });
    const f = result.findings.find((x) => x.ruleId === 'team/uses-mlflow');
    assert.ok(f);
    assert.deepStrictEqual([f.file, f.range.start.line], ['.mlmaturity.yml', 0]);
    const ok = await analyzeFiles({ ...CONFIG, '.mlmaturity/rules/mlflow.json': mlflowRule, 'requirements.txt': 'mlflow==2.14.1\n' });
    assert.ok(!ok.findings.some((x) => x.ruleId === 'team/uses-mlflow'));
  });

  const broken: [string, string, RegExp, [number, number]][] = [
    ['invalid JSON', '{\n  "rule": {\n    "id": "x/y",,\n', /not valid JSON/, [2, 16]],
    ['not a rule (no id)', JSON.stringify({ $schema: S, rule: { title: 'x', severity: 'warning', level: 1, target: { kinds: ['yaml'] }, message: 'm m m', rationale: 'r r r r r r r r r r' } }, null, 2), /not a valid rule: \/rule must have required property 'id'/, [2, 2]],
    ['a schema that does not compile', JSON.stringify({ $schema: S, rule: { id: 'team/bad', title: 'bad', severity: 'warning', level: 1, target: { kinds: ['yaml'] }, message: 'bad bad', rationale: 'bad regular expression here' }, type: 'string', pattern: '([' }), /schema does not compile/, [0, 0]],
    ['an id that is taken', JSON.stringify({ $schema: S, rule: { id: 'gha/no-timeout', title: 'dup', severity: 'warning', level: 1, target: { kinds: ['yaml'] }, message: 'dup dup', rationale: 'duplicate of a built-in rule' } }, null, 2), /Rule id 'gha\/no-timeout' is already taken/, [3, 10]],
  ];
  for (const [name, text, message, [line, character]] of broken) {
    it(`${name}: a finding on the rule file, and the built-in rules still run`, async () => {
      const result = await analyzeFiles({ ...CONFIG, '.mlmaturity/rules/bad.json': text, '.github/workflows/ci.yml': 'on: push\njobs:\n  b:\n    runs-on: x\n' });
      const f = result.findings.find((x) => x.ruleId === 'rules/invalid');
      assert.ok(f, 'rules/invalid');
      assert.strictEqual(f.file, '.mlmaturity/rules/bad.json');
      assert.match(f.message, message);
      assert.deepStrictEqual([f.range.start.line, f.range.start.character], [line, character]);
      assert.ok(result.findings.some((x) => x.ruleId === 'gha/no-timeout'), 'built-in rules ran');
    });
  }

  it('a rule folder outside the project is refused', async () => {
    const result = await analyzeFiles({ '.mlmaturity.yml': 'ruleFolders: [../elsewhere]\n' });
    assert.match(result.findings.find((x) => x.ruleId === 'rules/invalid')?.message ?? '', /outside the project; it is not loaded/);
  });

  it('custom rules stay off when the caller does not trust the workspace', async () => {
    const result = await analyzeFiles({ ...CONFIG, '.mlmaturity/rules/timeout.json': timeoutRule, '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: x\n' }, { customRules: false });
    assert.ok(!result.findings.some((x) => x.ruleId === 'team/job-timeout'));
  });
});
