import * as assert from 'assert';
import { applySeverities, findingsByFile, FindingsOrder, sortedUnique, withoutRepeats } from '../../server/src/core/findings';
import { range } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';

function finding(ruleId: string, file: string, line: number, character = 0, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity: 'warning', message: `${ruleId} at ${line}:${character}`, file, range: range(line, character, line, character + 1), ...extra };
}

const label = (list: Finding[]) => list.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.character} ${f.ruleId}`);

describe('findings pipeline', () => {
  it('sorts by file, then line, then column, keeping the order of findings at the same place', () => {
    const list = [
      finding('b', 'src/z.yaml', 3), finding('a', 'dvc.yaml', 10, 4), finding('c', 'dvc.yaml', 2), finding('first', 'src/a.yaml', 1),
      finding('d', 'dvc.yaml', 10, 2), finding('second', 'src/a.yaml', 1), finding('e', 'Dockerfile', 0),
    ];
    assert.deepStrictEqual(label(sortedUnique(list)), [
      'Dockerfile:0:0 e', 'dvc.yaml:2:0 c', 'dvc.yaml:10:2 d', 'dvc.yaml:10:4 a', 'src/a.yaml:1:0 first', 'src/a.yaml:1:0 second', 'src/z.yaml:3:0 b',
    ]);
  });

  it('drops a practice finding in a file where a rule of that practice already spoke', () => {
    const practice = [finding('deps.pinned', 'requirements.txt', 0, 0, { practice: 'deps.pinned' }), finding('deps.pinned', 'other.txt', 0, 0, { practice: 'deps.pinned' }), finding('ci.tests', 'requirements.txt', 0)];
    const rules = [finding('reqs/unpinned', 'requirements.txt', 2, 0, { practice: 'deps.pinned' }), finding('docker/root-user', 'other.txt', 1)];
    assert.deepStrictEqual(label(withoutRepeats(practice, findingsByFile(rules))), ['other.txt:0:0 deps.pinned', 'requirements.txt:0:0 ci.tests']);
  });

  it('applies configured severities, removes what is off, and keeps the list as it is when nothing is configured', () => {
    const list = [finding('a', 'x', 0), finding('b', 'x', 1)];
    assert.strictEqual(applySeverities(list, {}), list);
    assert.deepStrictEqual(applySeverities(list, { a: 'off', b: 'error' }).map((f) => `${f.ruleId} ${f.severity}`), ['b error']);
  });

  it('across analyses, keeps the sorted list of a file whose findings are the same objects', () => {
    const order = new FindingsOrder();
    const a = [finding('b', 'a.yaml', 3), finding('a', 'a.yaml', 1)];
    const b = [finding('c', 'b.yaml', 0)];
    const first = order.sort(new Map([['b.yaml', b], ['a.yaml', a]]));
    assert.deepStrictEqual(label(first.findings), ['a.yaml:1:0 a', 'a.yaml:3:0 b', 'b.yaml:0:0 c']);
    const changed = [finding('d', 'b.yaml', 2)];
    // A copy of a's list with the same objects, as an edit elsewhere gives it.
    const second = order.sort(new Map([['a.yaml', [...a]], ['b.yaml', changed]]));
    assert.strictEqual(second.byFile.get('a.yaml'), first.byFile.get('a.yaml'));
    assert.deepStrictEqual(label(second.findings), ['a.yaml:1:0 a', 'a.yaml:3:0 b', 'b.yaml:2:0 d']);
    // A file that comes, one that goes: the order of the files is worked out again.
    const third = order.sort(new Map([['c.yaml', b], ['a.yaml', a]]));
    assert.deepStrictEqual([...third.byFile.keys()], ['a.yaml', 'c.yaml']);
    // A file left with an empty list (every finding turned off) has no findings, then or later.
    assert.deepStrictEqual([...order.sort(new Map([['c.yaml', []], ['a.yaml', a], ['b.yaml', b]])).byFile.keys()], ['a.yaml', 'b.yaml']);
    assert.deepStrictEqual([...order.sort(new Map([['a.yaml', a], ['b.yaml', b]])).byFile.keys()], ['a.yaml', 'b.yaml']);
    assert.deepStrictEqual([...order.sort(new Map([['a.yaml', a], ['b.yaml', []]])).byFile.keys()], ['a.yaml']);
  });

  it('keeps the first of identical findings, wherever they are in the list', () => {
    const twice = finding('a', 'x', 3);
    const other = finding('b', 'x', 3);
    const sameRuleOtherMessage = finding('a', 'x', 3, 0, { message: 'else' });
    const list = [twice, other, finding('a', 'y', 3), sameRuleOtherMessage, finding('a', 'x', 4), { ...twice, severity: 'error' as const }, { ...other }];
    const sorted = sortedUnique(list);
    assert.deepStrictEqual(sorted.map((f) => `${label([f])[0]} ${f.message} ${f.severity}`), [
      'x:3:0 a a at 3:0 warning', 'x:3:0 b b at 3:0 warning', 'x:3:0 a else warning', 'x:4:0 a a at 4:0 warning', 'y:3:0 a a at 3:0 warning',
    ]);
    assert.strictEqual(sorted[0], twice);
  });
});
