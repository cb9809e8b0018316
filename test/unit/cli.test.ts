import * as assert from 'assert';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../support/cli';
import { schemasDir } from '../../server/src/core/catalog';
import { makeRepo, removeRepo } from '../support/repo';

const REPO = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  'README.md': '# Churn\n\nPredicts churn.\n',
  'requirements.txt': 'pandas==2.2.2\nscikit-learn>=1.4\n',
  'src/train.py': 'import mlflow\nimport torch\ntorch.manual_seed(0)\n',
  'tests/test_model.py': 'def test_fit():\n    assert True\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
};

describe('CLI', () => {
  let root: string;
  before(() => {
    root = makeRepo(REPO);
  });
  after(() => removeRepo(root));

  it('text: a score/level header, findings by file with line:col, next steps', async () => {
    const run = await cli([root]);
    assert.strictEqual(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /^ML Maturity · mlm-test-/);
    assert.match(lines[1], /^Level 1 Tracked {2}· {2}score [\d.]+\/100 [█░]{10} {2}\(target: Level 2\)$/);
    assert.ok(lines.includes('requirements.txt'), 'findings grouped under the file name');
    assert.ok(run.stdout.includes("  2:1     warning  'scikit-learn' is not pinned to an exact version (>=1.4), so a rebuild can install different code.  reqs/unpinned"), run.stdout);
    assert.match(run.stdout, /Next steps to reach Level 2 \(Reproducible\):\n {2}1\. /);
    assert.ok(!run.stdout.includes('\x1b['), 'no colour when not a terminal');
  });

  it('text: colour on a terminal, none with --no-color', async () => {
    assert.ok((await cli([root], true)).stdout.includes('\x1b[1m'));
    assert.ok(!(await cli([root, '--no-color'], true)).stdout.includes('\x1b['));
  });

  it('--quiet prints only the header', async () => {
    const run = await cli([root, '-q']);
    assert.strictEqual(run.stdout.trim().split('\n').length, 2);
  });

  it('json: valid against schemas/report.schema.json, every practice with evidence', async () => {
    const run = await cli([root, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(JSON.parse(fs.readFileSync(path.join(schemasDir(), 'report.schema.json'), 'utf8')));
    assert.strictEqual(validate(report), true, JSON.stringify(validate.errors, null, 2));
    assert.strictEqual(report.formatVersion, 1);
    assert.strictEqual(report.practices.length, 29);
    const tracking = report.practices.find((p: { id: string }) => p.id === 'tracking.experiments');
    assert.deepStrictEqual([tracking.verdict, tracking.evidence[0].file, tracking.evidence[0].line], ['met', 'src/train.py', 1]);
    const unpinned = report.findings.find((f: { ruleId: string }) => f.ruleId === 'reqs/unpinned');
    assert.deepStrictEqual(unpinned.range, { start: { line: 2, column: 1 }, end: { line: 2, column: 18 } });
    assert.strictEqual(unpinned.practice, 'deps.pinned');
    assert.strictEqual(unpinned.fixable, false, 'no version is known, so no fix');
    assert.match(unpinned.docs, /docs\/rules\/reqs-unpinned\.md$/);
  });

  it('sarif: valid SARIF 2.1.0 with rules, relative locations and fingerprints', async () => {
    const run = await cli([root, '-f', 'sarif']);
    const sarif = JSON.parse(run.stdout);
    const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    assert.strictEqual(validate(sarif), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run0 = sarif.runs[0];
    const ruleIds = run0.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.ok(run0.results.length > 0);
    for (const r of run0.results) {
      assert.strictEqual(ruleIds[r.ruleIndex], r.ruleId);
      const loc = r.locations[0].physicalLocation;
      assert.ok(!path.isAbsolute(loc.artifactLocation.uri), loc.artifactLocation.uri);
      assert.strictEqual(loc.artifactLocation.uriBaseId, 'SRCROOT');
      assert.ok(loc.region.startLine >= 1);
      assert.match(r.partialFingerprints['mlMaturity/v1'], /^[0-9a-f]{32}$/);
    }
    const rule = run0.tool.driver.rules.find((r: { id: string }) => r.id === 'reqs/unpinned');
    assert.deepStrictEqual(Object.keys(rule).sort(), ['defaultConfiguration', 'fullDescription', 'help', 'helpUri', 'id', 'name', 'properties', 'shortDescription']);
    assert.strictEqual(run0.originalUriBaseIds.SRCROOT.uri.endsWith('/'), true);
  });

  it('markdown: a practices table and findings', async () => {
    const run = await cli([root, '--format', 'markdown']);
    assert.match(run.stdout, /^# ML Maturity: /);
    assert.match(run.stdout, /\| \[`vcs\.git`\]\([^)]+\) Code is under git \| 1 \| ✅ met \|/);
    assert.match(run.stdout, /\| `requirements\.txt:2:1` \| warning \| `reqs\/unpinned` \|/);
  });

  it('--fail-under: 1 below the threshold, 0 at or above it', async () => {
    const report = JSON.parse((await cli([root, '-f', 'json'])).stdout);
    const low = await cli([root, '-q', '--fail-under', String(Math.floor(report.score) + 1)]);
    assert.strictEqual(low.code, 1);
    assert.match(low.stderr, /^mlmaturity: score [\d.]+ is under --fail-under \d+\n$/);
    assert.strictEqual((await cli([root, '-q', '--fail-under', String(Math.floor(report.score))])).code, 0);
  });

  it('error-severity findings exit 1; --rule can make them', async () => {
    assert.strictEqual((await cli([root, '-q', '--rule', 'reqs/unpinned=error'])).code, 1);
    assert.strictEqual((await cli([root, '-q', '--rule', 'reqs/unpinned=off', '--rule', 'ci.tests=hint'])).code, 0);
    const broken = makeRepo({ '.github/workflows/ci.yml': 'on: push\njobs: [\n' });
    try {
      const run = await cli([broken]);
      assert.strictEqual(run.code, 1);
      assert.match(run.stdout, /error {3}/);
    } finally {
      removeRepo(broken);
    }
  });

  it('--target-level changes what is a warning', async () => {
    const report = JSON.parse((await cli([root, '-f', 'json', '--target-level', '4'])).stdout);
    assert.strictEqual(report.targetLevel, 4);
    assert.strictEqual(report.findings.find((f: { ruleId: string }) => f.ruleId === 'monitoring.drift').severity, 'warning');
  });

  it('--output writes the report to a file', async () => {
    const out = path.join(root, '..', `mlm-out-${process.pid}.sarif`);
    try {
      const run = await cli([root, '-f', 'sarif', '-o', out]);
      assert.strictEqual(run.stdout, '');
      assert.strictEqual(JSON.parse(fs.readFileSync(out, 'utf8')).version, '2.1.0');
    } finally {
      fs.rmSync(out, { force: true });
    }
  });

  const usage: [string, string[], RegExp][] = [
    ['a path that does not exist', ['/no/such/dir'], /^mlmaturity: \/no\/such\/dir: no such file or directory\n$/],
    ['a path that is a file', ['README.md'], /: not a directory\n$/],
    ['an unknown option', ['--frobnicate'], /^mlmaturity: Unknown option '--frobnicate'/],
    ['a bad format', ['-f', 'xml'], /--format must be text, json, sarif or markdown, not 'xml'/],
    ['a bad --fail-under', ['--fail-under', 'lots'], /--fail-under takes a number from 0 to 100, not 'lots'/],
    ['a bad --target-level', ['--target-level', '7'], /--target-level takes a whole number from 0 to 4, not '7'/],
    ['a malformed --rule', ['--rule', 'deps.pinned'], /--rule takes ID=SEVERITY/],
    ['an unknown rule id', ['--rule', 'nope=error'], /unknown rule id 'nope'/],
    ['a bad severity', ['--rule', 'deps.pinned=loud'], /severity must be off, hint, info, warning or error, not 'loud'/],
    ['two paths', ['a', 'b'], /expected one path, got 2/],
  ];
  for (const [name, args, message] of usage) {
    it(`exit 2 with a one-line message for ${name}`, async () => {
      const run = await cli(args[0] === 'README.md' ? [path.join(root, 'README.md')] : args);
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, message);
      assert.ok(!run.stderr.includes('    at '), 'no stack trace');
      assert.strictEqual(run.stdout, '');
    });
  }

  it('exit 2 when the output file cannot be written', async () => {
    const run = await cli([root, '-o', '/no/such/dir/report.txt']);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /^mlmaturity: cannot write \/no\/such\/dir\/report\.txt: ENOENT\n$/);
  });

  it('--version and --help', async () => {
    const version = await cli(['--version']);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const help = await cli(['-h']);
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /^Usage: mlmaturity \[path\] \[options\]/);
  });

  it('the bundled bin runs as a process and sets its exit code', function () {
    const bin = path.join(schemasDir(), '..', 'bin', 'mlmaturity.js');
    if (!fs.existsSync(path.join(schemasDir(), '..', 'dist', 'cli.js'))) this.skip();
    const ok = spawnSync(process.execPath, [bin, root, '-q'], { encoding: 'utf8' });
    assert.strictEqual(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^ML Maturity/);
    const missing = spawnSync(process.execPath, [bin, path.join(os.tmpdir(), 'mlm-definitely-missing')], { encoding: 'utf8' });
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /no such file or directory/);
  });

  it('the bundled bin ends only once its whole report has gone down the pipe', async function () {
    const bin = path.join(schemasDir(), '..', 'bin', 'mlmaturity.js');
    if (!fs.existsSync(path.join(schemasDir(), '..', 'dist', 'cli.js'))) this.skip();
    // The process exits itself once stdout is written (cli/main.ts): the report must still arrive whole,
    // also one many times a pipe's buffer (64 KB on Linux), written while the reader drains it.
    const unpinned = Array.from({ length: 2000 }, (_, i) => `package-${i}>=1.0`).join('\n');
    const big = makeRepo({ ...REPO, 'requirements.txt': `${unpinned}\n` });
    try {
      const withoutTimes = (text: string) => JSON.stringify(JSON.parse(text), (k, v: unknown) => (k === 'durationMs' ? undefined : v));
      for (const repo of [root, big]) {
        const piped = spawnSync(process.execPath, [bin, repo, '-f', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1048576 });
        const inProcess = await cli([repo, '-f', 'json']);
        assert.strictEqual(piped.status, inProcess.code, piped.stderr);
        assert.strictEqual(withoutTimes(piped.stdout), withoutTimes(inProcess.stdout));
        if (repo === big) assert.ok(Buffer.byteLength(piped.stdout) > 16 * 65536, 'the big report spans many pipe buffers');
      }
    } finally {
      removeRepo(big);
    }
  });
});
