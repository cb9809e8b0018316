import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../support/cli';
import { makeRepo, removeRepo } from '../support/repo';

const REPO = {
  'poetry.lock': '[[package]]\nname = "pandas"\nversion = "2.2.2"\n',
  'requirements.txt': '\ufeffpandas>=2\r\ntorch\r\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest   # runner\n    steps:\n      - run: pytest\n',
  'Dockerfile': 'FROM python:3.11\nRUN pip install -r requirements.txt\n',
};

describe('CLI --fix and --fix-dry-run', () => {
  it('--fix-dry-run prints a unified diff of the safe fixes and changes nothing', async () => {
    const root = makeRepo(REPO);
    try {
      const run = await cli([root, '--fix-dry-run']);
      assert.strictEqual(run.code, 1, 'exit 1: there are fixes to apply');
      assert.strictEqual(run.stdout, [
        '--- a/.github/workflows/ci.yml', '+++ b/.github/workflows/ci.yml', '@@ -4,3 +4,4 @@', '     runs-on: ubuntu-latest   # runner',
        '     steps:', '       - run: pytest', '+    timeout-minutes: 60',
        '--- a/Dockerfile', '+++ b/Dockerfile', '@@ -1,2 +1,2 @@', ' FROM python:3.11', '-RUN pip install -r requirements.txt', '+RUN pip install --no-cache-dir -r requirements.txt',
        '--- a/requirements.txt', '+++ b/requirements.txt', '@@ -1,2 +1,2 @@', '-\ufeffpandas>=2', '+\ufeffpandas==2.2.2', ' torch', '',
      ].join('\n'));
      assert.strictEqual(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), REPO.Dockerfile);
    } finally {
      removeRepo(root);
    }
  });

  it('--fix applies them in place, keeping BOM and CRLF, says what changed, and reports what is left', async () => {
    const root = makeRepo(REPO);
    try {
      const run = await cli([root, '--fix', '-f', 'json']);
      assert.match(run.stderr, /^fixed \.github\/workflows\/ci\.yml: Add timeout-minutes: 60 to job 't'\nfixed Dockerfile: Add --no-cache-dir\nfixed requirements\.txt: Pin to ==2\.2\.2\n3 fixes in 3 files\n$/);
      assert.strictEqual(fs.readFileSync(path.join(root, 'requirements.txt'), 'utf8'), '\ufeffpandas==2.2.2\r\ntorch\r\n');
      const report = JSON.parse(run.stdout);
      const left = report.findings.filter((f: { ruleId: string }) => ['gha/no-timeout', 'docker/pip-cache'].includes(f.ruleId));
      assert.deepStrictEqual(left, []);
      assert.strictEqual(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'reqs/unpinned').length, 1, 'torch has no known version and stays');
      const again = await cli([root, '--fix-dry-run']);
      assert.deepStrictEqual([again.code, again.stdout], [0, ''], 'nothing left to fix');
    } finally {
      removeRepo(root);
    }
  });

  it('--fix with --fix-dry-run is a usage error', async () => {
    const run = await cli(['.', '--fix', '--fix-dry-run']);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /exclude each other/);
  });
});
