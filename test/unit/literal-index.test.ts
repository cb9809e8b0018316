import * as assert from 'assert';
import fc from 'fast-check';
import { LiteralIndex } from '../../server/src/core/model/literal-index';

describe('literal index', () => {
  const found = (index: LiteralIndex, text: string) => [...(index.find(text) ?? [])].sort();

  it('finds every string that occurs, also one inside or overlapping another', () => {
    const index = new LiteralIndex(['mlflow.log_metric', 'log_metric', 'metric(', 'flow', 'xgb', 'abcdef']);
    assert.deepStrictEqual(found(index, 'mlflow.log_metric(1)'), ['flow', 'log_metric', 'metric(', 'mlflow.log_metric']);
    assert.deepStrictEqual(found(index, 'import xgb'), ['xgb'], 'at the very end');
    assert.deepStrictEqual(found(index, 'xgb'), ['xgb'], 'the whole text');
    assert.deepStrictEqual(found(index, 'abcde'), [], 'a prefix is not the string');
    assert.deepStrictEqual(found(index, 'flow'), ['flow'], 'a string as long as the hash reads, alone');
    assert.deepStrictEqual(found(index, 'xflo'), [], 'the hash of a prefix');
  });

  it('says nothing of a text that holds none, short or empty texts included', () => {
    const index = new LiteralIndex(['torch', 'pd']);
    assert.strictEqual(index.find(''), undefined);
    assert.strictEqual(index.find('to'), undefined);
    assert.strictEqual(index.find('import numpy  # ünïcödé ✓'), undefined);
    assert.deepStrictEqual(found(index, 'pd.read_csv(x); torch.cuda'), ['pd', 'torch']);
  });

  it('finds strings after characters outside the basic plane and in texts of any length', () => {
    const index = new LiteralIndex(['predict(']);
    assert.deepStrictEqual(found(index, '😀😀 model.predict(x)'), ['predict(']);
    assert.deepStrictEqual(found(index, `${'x = 1\n'.repeat(10000)}y.predict(z)`), ['predict(']);
  });

  it('finds what a search for each string finds, in texts made of pieces of the strings (property, fixed seed)', () => {
    // Pieces of the strings make near misses, overlaps and strings at either end; the skips must step over none.
    const literals = ['mlflow.log_metric', 'log_model', 'cron', 'Drift', 'DLE', 'xgb', 'readyz', 'ready', '.push_to_hub', 'aaaa', 'abab', 'é✓ab'];
    const index = new LiteralIndex(literals);
    const piece = fc.oneof(fc.constantFrom(...literals).chain((l) => fc.tuple(fc.nat(l.length), fc.nat(l.length)).map(([a, b]) => l.slice(Math.min(a, b), Math.max(a, b) + 1))), fc.constantFrom(' ', '\n', '.', '(', 'a', 'b', 'x', '😀'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assert.deepStrictEqual(found(index, text), literals.filter((l) => text.includes(l)).sort(), JSON.stringify(text));
      }),
      { seed: 20261204, numRuns: 2000 },
    );
  });
});
