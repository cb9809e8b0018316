import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { schemasDir } from '../../server/src/core/catalog';
import { lowerHelperThreads } from '../../server/src/threads';
import { makeRepo, removeRepo } from '../support/repo';
import { helperNice } from '../support/threads';

const THREADS_MODULE = path.join(__dirname, '..', '..', 'server', 'src', 'threads.js');
const AT_EXIT = path.join(__dirname, '..', '..', '..', 'test', 'support', 'threads-at-exit.js');

describe('helper threads', () => {
  // Children start with this process's priority, which a test runner may itself have lowered.
  const own = os.getPriority();

  if (process.platform !== 'linux') {
    it('are left as they are where the platform has no per-thread priority', () => {
      assert.strictEqual(lowerHelperThreads(), 0);
    });
    return;
  }

  it('go to the lowest priority, and the main thread keeps its own', () => {
    const script = `const { lowerHelperThreads } = require(${JSON.stringify(THREADS_MODULE)});
      const { helperNice } = require(${JSON.stringify(path.join(__dirname, '..', 'support', 'threads.js'))});
      const lowered = lowerHelperThreads();
      process.stdout.write(JSON.stringify({ lowered, ...helperNice(process.pid) }));`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    const { lowered, main, helpers } = JSON.parse(run.stdout) as { lowered: number; main: number; helpers: number[] };
    // Node starts V8's worker threads (four by default) and a few more before any script runs.
    assert.ok(helpers.length > 0, 'no helper threads to look at');
    assert.strictEqual(lowered, helpers.length);
    assert.deepStrictEqual({ main, helpers }, { main: own, helpers: helpers.map(() => 19) });
  });

  it('of the bundled CLI run at the lowest priority through its analysis', function () {
    if (!fs.existsSync(path.join(schemasDir(), '..', 'dist', 'cli.js'))) this.skip();
    const bin = path.join(schemasDir(), '..', 'bin', 'mlmaturity.js');
    const root = makeRepo({ 'requirements.txt': 'numpy==1.26.4\n', 'train.py': 'import numpy\n' });
    const out = path.join(root, 'threads.json');
    try {
      const run = spawnSync(process.execPath, ['-r', AT_EXIT, bin, root, '-q'], { encoding: 'utf8', env: { ...process.env, MLM_THREADS_OUT: out } });
      assert.strictEqual(run.status, 0, run.stderr);
      const seen = JSON.parse(fs.readFileSync(out, 'utf8')) as { main: number; nice: [number, number][] };
      const { main, helpers } = helperNice(seen.main, new Map(seen.nice));
      assert.ok(helpers.length > 0, 'no helper threads to look at');
      assert.deepStrictEqual({ main, helpers }, { main: own, helpers: helpers.map(() => 19) });
    } finally {
      removeRepo(root);
    }
  });
});
