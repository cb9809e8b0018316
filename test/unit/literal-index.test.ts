import * as assert from 'assert';
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
});
