import * as assert from 'assert';
import { practiceCatalog } from '../../server/src/core/practices/catalog';
import { scorePractices } from '../../server/src/core/practices/score';
import type { PracticeResult, Verdict } from '../../server/src/core/types';

/** Every practice of the catalog with a verdict per id (missing unless given) and optional weights. */
function results(verdicts: Record<string, Verdict>, weights: Record<string, number> = {}): PracticeResult[] {
  return practiceCatalog().practices.map((p) => ({
    id: p.id, title: p.title, level: p.level, category: p.category, weight: weights[p.id] ?? 1,
    verdict: verdicts[p.id] ?? 'missing', summary: '', evidence: [],
  }));
}

const ids = (level: number) => practiceCatalog().practices.filter((p) => p.level === level).map((p) => p.id);
const all = (level: number, verdict: Verdict) => Object.fromEntries(ids(level).map((id) => [id, verdict]));

describe('score and level', () => {
  it('the catalog has 7, 8, 8 and 6 practices on levels 1 to 4', () => {
    assert.deepStrictEqual([1, 2, 3, 4].map((l) => ids(l).length), [7, 8, 8, 6]);
  });

  it('nothing met: score 0, level 0, next steps are all of level 1', () => {
    const card = scorePractices(results({}));
    assert.strictEqual(card.score, 0);
    assert.strictEqual(card.level, 0);
    assert.strictEqual(card.levelName, 'Ad hoc');
    assert.strictEqual(card.nextLevel, 1);
    assert.deepStrictEqual(card.nextSteps.map((s) => s.practice).sort(), ids(1).sort());
  });

  it('everything met: 100 and level 4, no next steps', () => {
    const card = scorePractices(results({ ...all(1, 'met'), ...all(2, 'met'), ...all(3, 'met'), ...all(4, 'met') }));
    assert.strictEqual(card.score, 100);
    assert.strictEqual(card.level, 4);
    assert.strictEqual(card.levelName, 'Operated');
    assert.deepStrictEqual(card.nextSteps, []);
    assert.strictEqual(card.nextLevel, undefined);
  });

  it('partial is worth half: 29 practices all partial score 50', () => {
    const card = scorePractices(results({ ...all(1, 'partial'), ...all(2, 'partial'), ...all(3, 'partial'), ...all(4, 'partial') }));
    assert.strictEqual(card.score, 50);
    assert.strictEqual(card.level, 0, '50% of level 1 is under the 75% threshold');
  });

  it('a level needs 75% of its weight: 6 of 7 is enough, 5 of 7 is not', () => {
    const l1 = ids(1);
    const six = scorePractices(results(Object.fromEntries(l1.slice(0, 6).map((id) => [id, 'met' as Verdict]))));
    assert.strictEqual(six.level, 1);
    assert.deepStrictEqual(six.levels[0], { level: 1, name: 'Tracked', credited: 6, total: 7, reached: true });
    const five = scorePractices(results(Object.fromEntries(l1.slice(0, 5).map((id) => [id, 'met' as Verdict]))));
    assert.strictEqual(five.level, 0);
    // 5 met + 1 partial = 5.5 of 7 = 78.6%: reached.
    const withPartial = scorePractices(results({ ...Object.fromEntries(l1.slice(0, 5).map((id) => [id, 'met' as Verdict])), [l1[5]]: 'partial' }));
    assert.strictEqual(withPartial.level, 1);
  });

  it('a level is reached only when every lower level is', () => {
    const card = scorePractices(results({ ...all(2, 'met'), ...all(3, 'met') }));
    assert.strictEqual(card.level, 0);
    assert.deepStrictEqual(card.levels.map((l) => l.reached), [false, false, false, false]);
  });

  it('score = 100 x credited weight / applicable weight, rounded to one decimal', () => {
    // 7 met of 29, 1 partial: (7 + 0.5) / 29 = 25.86%
    const l1 = ids(1);
    const card = scorePractices(results({ ...all(1, 'met'), [ids(2)[0]]: 'partial' }));
    assert.strictEqual(card.score, 25.9);
    assert.strictEqual(card.level, 1);
    assert.strictEqual(l1.length, 7);
  });

  it('not-applicable practices leave the sum', () => {
    const na = Object.fromEntries([...ids(3), ...ids(4)].map((id) => [id, 'not-applicable' as Verdict]));
    const card = scorePractices(results({ ...all(1, 'met'), ...all(2, 'met'), ...na }));
    assert.strictEqual(card.score, 100);
    assert.strictEqual(card.level, 4, 'levels with no applicable practice do not block');
  });

  it('weights count in score, level and the order of next steps', () => {
    const l2 = ids(2);
    const weights = { [l2[0]]: 5 };
    // Level 2: all met but the heavy one -> 7 of 12 weight = 58%: not reached.
    const card = scorePractices(results({ ...all(1, 'met'), ...all(2, 'met'), [l2[0]]: 'missing' }, weights));
    assert.strictEqual(card.level, 1);
    assert.strictEqual(card.nextSteps[0].practice, l2[0]);
    // 7 + 7 of (7 + 12 + 8 + 6) = 14 / 33
    assert.strictEqual(card.score, Math.round((1000 * 14) / 33) / 10);
    const light = scorePractices(results({ ...all(1, 'met'), ...all(2, 'met'), [l2[1]]: 'missing' }, weights));
    assert.strictEqual(light.level, 2);
  });

  it('next steps list missing before partial at the same weight', () => {
    const l1 = ids(1);
    const card = scorePractices(results({ [l1[0]]: 'partial' }));
    assert.strictEqual(card.nextSteps[card.nextSteps.length - 1].practice, l1[0]);
    assert.strictEqual(card.nextSteps[card.nextSteps.length - 1].verdict, 'partial');
  });

  it('per-category scores', () => {
    const card = scorePractices(results({ 'ci.present': 'met', 'ci.tests': 'partial' }));
    const ci = card.categories.find((c) => c.category === 'ci');
    assert.ok(ci);
    assert.deepStrictEqual([ci.met, ci.partial, ci.missing], [1, 1, 3]);
    assert.strictEqual(ci.score, 30);
  });
});
