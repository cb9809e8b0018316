import * as assert from 'assert';
import { CORE_SCHEMA, load } from 'js-yaml';
import { formatPointer, parsePointer } from '../../server/src/core/parse/document';
import { cloneValue } from '../../server/src/core/rules/view';

/** What the views' copy used to be: a trip through JSON. */
function throughJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('the copy a view adds facts to', () => {
  it('is what a trip through JSON gives, for what the parsers make', () => {
    const yaml = load('a: .inf\nb: [1, .nan, null, x, -.inf]\nc: {d: 0, e: "2020-01-01", f: [[]]}\n"1": one\n', { schema: CORE_SCHEMA });
    const made = { yaml, minusZero: -0, gone: undefined, list: [undefined, () => 1, Symbol('s')], when: new Date(0), nested: { deeper: { deepest: [true, false, 'text'] } } };
    const copy = cloneValue(made);
    assert.deepStrictEqual(copy, throughJson(made));
    assert.strictEqual(JSON.stringify(copy), JSON.stringify(throughJson(made)));
    assert.ok(Object.is((copy as { minusZero: number }).minusZero, 0), '-0 becomes 0, as in JSON');
    assert.ok(!('gone' in (copy as object)), 'an undefined property is left out');
  });

  it('keeps a `__proto__` key as data, never as the prototype', () => {
    const yaml = load('__proto__: {polluted: true}\nname: x\n', { schema: CORE_SCHEMA }) as Record<string, unknown>;
    const copy = cloneValue(yaml) as Record<string, unknown>;
    assert.strictEqual(Object.getPrototypeOf(copy), Object.prototype);
    assert.deepStrictEqual(Object.keys(copy), ['__proto__', 'name']);
    assert.deepStrictEqual(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value, { polluted: true });
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  it('shares nothing with the original, aliases included', () => {
    const shared = { x: [1] };
    const value = { a: shared, b: shared };
    const copy = cloneValue(value);
    copy.a.x.push(2);
    assert.deepStrictEqual(value, { a: { x: [1] }, b: { x: [1] } });
    assert.deepStrictEqual(copy.b.x, [1], 'an alias is copied twice, as JSON does');
  });

  it('fails on a cycle as JSON does, with its message', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = { again: cycle };
    assert.throws(() => cloneValue(cycle), /circular structure/);
  });

  it('copies values nested deeper than it walks', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1000; i++) deep = i % 2 ? [deep] : { d: deep };
    assert.deepStrictEqual(cloneValue(deep), throughJson(deep));
  });
});

describe('pointers, parsed once and shared', () => {
  it('give the same segments again, after many other pointers', () => {
    const first = parsePointer('/stages/a~1b/deps/0');
    assert.deepStrictEqual(first, ['stages', 'a/b', 'deps', '0']);
    for (let i = 0; i < 2000; i++) assert.deepStrictEqual(parsePointer(`/p${i}/~0${i}`), [`p${i}`, `~${i}`]);
    assert.deepStrictEqual(parsePointer('/stages/a~1b/deps/0'), ['stages', 'a/b', 'deps', '0']);
    assert.deepStrictEqual(parsePointer(''), []);
    assert.deepStrictEqual(parsePointer('/'), ['']);
    assert.strictEqual(formatPointer(parsePointer('/a~0~1/b')), '/a~0~1/b');
  });
});
