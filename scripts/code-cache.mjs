// Makes the V8 code caches beside the CLI's bundles (server/src/core/code-cache.ts): one run of the CLI
// on the bundled example compiles the functions an analysis uses, and each bundle loaded writes its
// cache as the run exits. A cache is only as good as the Node.js that made it: another one ignores it.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

for (const f of fs.readdirSync('dist')) if (f.endsWith('.cache')) fs.rmSync(path.join('dist', f));
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mlm-cache-')), 'report.json');
const run = spawnSync(process.execPath, ['bin/mlmaturity.js', 'examples/churn-predictor', '--format', 'json', '--output', out], {
  env: { ...process.env, MLM_WRITE_CODE_CACHE: '1' },
  encoding: 'utf8',
});
fs.rmSync(path.dirname(out), { recursive: true, force: true });
// 0 and 1 are verdicts (1: under the threshold); anything else is a failure of the run itself.
if (run.status !== 0 && run.status !== 1) {
  process.stderr.write(`code cache: the CLI run failed (${run.status ?? run.signal}):\n${run.stderr}`);
  process.exit(1);
}
const made = fs.readdirSync('dist').filter((f) => f.endsWith('.cache'));
if (!made.includes('cli.js.cache')) {
  process.stderr.write('code cache: the CLI run wrote no cache for dist/cli.js\n');
  process.exit(1);
}
console.log(`code caches: ${made.map((f) => `dist/${f} (${Math.round(fs.statSync(path.join('dist', f)).size / 1024)} KB)`).join(', ')}`);
