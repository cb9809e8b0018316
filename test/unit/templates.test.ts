import * as assert from 'assert';
import { isResolved, renderMessage, resolveTemplate } from '../../server/src/core/fix/build';

const ctx = { key: 'python-version', fact: { pythonVersion: '3.11', versions: ['3.10', '3.11'], none: [] }, seg: { 0: 'jobs', 1: 'test' }, count: 3 };

describe('rule templates', () => {
  it('renders names from the context, and leaves unknown ones as written', () => {
    assert.strictEqual(renderMessage("Set {key} to {fact.pythonVersion} in job '{seg.1}' ({count} places)", ctx), "Set python-version to 3.11 in job 'test' (3 places)");
    assert.strictEqual(renderMessage('Versions {fact.versions}; {fact.unknown} and {nope.x} stay', ctx), 'Versions ["3.10","3.11"]; {fact.unknown} and {nope.x} stay');
    assert.strictEqual(renderMessage('no names', ctx), 'no names');
    assert.strictEqual(renderMessage('', ctx), '');
  });

  it('keeps the type of a value a whole template names, and resolves nothing when a name is unknown or an empty list', () => {
    assert.deepStrictEqual(resolveTemplate('{fact.versions}', ctx), ['3.10', '3.11']);
    assert.strictEqual(resolveTemplate('{count}', ctx), 3);
    assert.strictEqual(resolveTemplate('v{count}-{key}', ctx), 'v3-python-version');
    assert.strictEqual(isResolved(resolveTemplate('x {fact.missing} y', ctx)), false);
    assert.strictEqual(isResolved(resolveTemplate('{fact.none}', ctx)), false);
    assert.deepStrictEqual(resolveTemplate({ '{key}': ['{fact.pythonVersion}', 'plain'] }, ctx), { 'python-version': ['3.11', 'plain'] });
    assert.strictEqual(isResolved(resolveTemplate({ a: '{nope}' }, ctx)), false);
  });
});
