import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadBundle } from '../../server/src/core/code-cache';

describe('code cache', () => {
  let dir: string;
  let bundle: string;
  const source = (answer: number) => `
    const helper = require('./helper.js');
    module.exports = { answer: () => ${answer}, dir: __dirname, file: __filename, joined: require('path').join('a', 'b'), helper };
  `;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlm-code-cache-'));
    bundle = path.join(dir, 'bundle.js');
    fs.writeFileSync(bundle, source(42));
    fs.writeFileSync(path.join(dir, 'helper.js'), 'module.exports = "beside";');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  type Exports = { answer(): number; dir: string; file: string; joined: string; helper: string };

  it('loads a bundle as require would: exports, its own file and folder, and requires from where it sits', () => {
    const loaded = loadBundle(bundle);
    const exports = loaded.exports as Exports;
    assert.strictEqual(loaded.cache, 'none');
    assert.deepStrictEqual({ ...exports, answer: exports.answer() }, { answer: 42, dir, file: bundle, joined: path.join('a', 'b'), helper: 'beside' });
  });

  it('uses the cache the bundle wrote, and gives the same exports', () => {
    const first = loadBundle(bundle);
    (first.exports as Exports).answer();
    assert.strictEqual(first.writeCache(), true);
    assert.ok(fs.statSync(`${bundle}.cache`).size > 8 + fs.statSync(bundle).size);
    const second = loadBundle(bundle);
    assert.strictEqual(second.cache, 'used');
    assert.strictEqual((second.exports as Exports).answer(), 42);
    // In a process of its own, where V8 has compiled nothing yet, the cache is what it starts from.
    const loader = path.join(__dirname, '../../server/src/core/code-cache.js');
    const script = `const b = require(${JSON.stringify(loader)}).loadBundle(${JSON.stringify(bundle)}); process.stdout.write(b.cache + ' ' + b.exports.answer());`;
    assert.strictEqual(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout, 'used 42');
  });

  it('never hands V8 the cache of another source, even one of the same length', () => {
    assert.strictEqual(loadBundle(bundle).writeCache(), true);
    fs.writeFileSync(bundle, source(43));
    const loaded = loadBundle(bundle);
    assert.strictEqual(loaded.cache, 'stale');
    assert.strictEqual((loaded.exports as Exports).answer(), 43);
  });

  it('runs the bundle when V8 rejects the cache, and when the cache is cut short', () => {
    assert.strictEqual(loadBundle(bundle).writeCache(), true);
    const cache = fs.readFileSync(`${bundle}.cache`);
    // A copy under another name: V8 keeps what it compiled by source and name, and would not look at the cache.
    const copy = path.join(dir, 'copy.js');
    fs.copyFileSync(bundle, copy);
    // The right header and source in front of bytes V8 did not make.
    fs.writeFileSync(`${copy}.cache`, Buffer.concat([cache.subarray(0, 8 + fs.statSync(bundle).size), Buffer.from('not a code cache')]));
    const rejected = loadBundle(copy);
    assert.strictEqual(rejected.cache, 'rejected');
    assert.strictEqual((rejected.exports as Exports).answer(), 42);
    fs.writeFileSync(`${bundle}.cache`, cache.subarray(0, 10));
    assert.strictEqual(loadBundle(bundle).cache, 'stale');
  });

  it('says so, without throwing, when the cache cannot be written', () => {
    const loaded = loadBundle(bundle);
    fs.mkdirSync(`${bundle}.cache`);
    assert.strictEqual(loaded.writeCache(), false);
  });
});
