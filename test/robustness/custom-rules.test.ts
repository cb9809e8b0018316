import * as assert from 'assert';
import { mayBacktrack } from '../../server/src/core/rules/safe-regex';
import { analyzeFiles } from '../support/repo';

const S = 'https://json-schema.org/draft/2020-12/schema';
const meta = (id: string) => ({ id, title: 'custom', severity: 'warning', level: 1, target: { kinds: ['yaml', 'github-workflow'] }, message: 'custom rule fired', rationale: 'a custom rule for a robustness test' });
const CONFIG = { '.mlmaturity.yml': 'ruleFolders: [rules]\n', '.github/workflows/ci.yml': 'on: push\njobs:\n  b:\n    runs-on: x\n' };

describe('hostile custom rules', function () {
  this.timeout(30000);

  it('tells catastrophic patterns from harmless ones', () => {
    for (const bad of ['(a+)+$', '^(\\w+\\s?)*$', '(a|a)*b', '(x*)*', '((ab)*c)+', '([a-z]+)*@']) assert.strictEqual(mayBacktrack(bad), true, bad);
    for (const ok of ['^a+$', '(ab)+', '^(main|master)$', '[a-z]+(-[a-z]+)?', '(a|b)', '^\\d+(\\.\\d+)*$'.replace('*', '?'), '\\(x+\\)+']) assert.strictEqual(mayBacktrack(ok), false, ok);
  });

  it('a ReDoS pattern is refused on its exact place, and analysis stays fast', async () => {
    const rule = JSON.stringify({ $schema: S, rule: meta('team/redos'), type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } }, null, 2);
    const t0 = Date.now();
    const result = await analyzeFiles({ ...CONFIG, 'rules/redos.json': rule, 'params.yaml': `name: ${'a'.repeat(40)}b\n` });
    assert.ok(Date.now() - t0 < 5000);
    const f = result.findings.find((x) => x.ruleId === 'rules/invalid');
    assert.ok(f);
    assert.match(f.message, /can backtrack catastrophically/);
    assert.deepStrictEqual([f.file, f.range.start.line], ['rules/redos.json', 20], 'on the pattern itself');
    assert.ok(result.findings.some((x) => x.ruleId === 'gha/no-timeout'), 'built-in rules still ran');
  });

  it('a huge $ref cycle compiles in bounded time, or is refused', async () => {
    const defs: Record<string, object> = {};
    for (let i = 0; i < 2000; i++) defs[`d${i}`] = { anyOf: [{ type: 'string' }, { type: 'object', properties: { next: { $ref: `#/$defs/d${(i + 1) % 2000}` } } }] };
    const rule = JSON.stringify({ $schema: S, rule: meta('team/cycle'), $defs: defs, $ref: '#/$defs/d0' });
    const t0 = Date.now();
    const result = await analyzeFiles({ ...CONFIG, 'rules/cycle.json': rule });
    assert.ok(Date.now() - t0 < 15000, `${Date.now() - t0} ms`);
    assert.ok(result.findings.some((x) => x.ruleId === 'gha/no-timeout'));
  });

  it('a schema deeper than the data, and one that references nowhere, do not break anything', async () => {
    const deep = JSON.stringify({ $schema: S, rule: meta('team/deep'), ...JSON.parse('{"properties":{"a":'.repeat(500) + '{}' + '}}'.repeat(500)) });
    const nowhere = JSON.stringify({ $schema: S, rule: meta('team/nowhere'), $ref: 'other.json#/x' });
    const result = await analyzeFiles({ ...CONFIG, 'rules/deep.json': deep, 'rules/nowhere.json': nowhere });
    assert.ok(result.findings.some((x) => x.ruleId === 'rules/invalid' && x.file === 'rules/nowhere.json'));
    assert.ok(result.findings.some((x) => x.ruleId === 'gha/no-timeout'));
  });
});
