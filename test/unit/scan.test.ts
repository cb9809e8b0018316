import * as assert from 'assert';
import * as fs from 'fs';
import nodeFs = require('fs');
import * as path from 'path';
import { classify } from '../../server/src/core/scan/classify';
import { ArrivalReader, scanWorkspace } from '../../server/src/core/scan/walk';
import { analyzeFiles, makeRepo, practiceOf, removeRepo } from '../support/repo';

async function scanned(files: Record<string, string>, exclude?: string[], readUpTo?: number) {
  const root = makeRepo(files);
  try {
    return await scanWorkspace(root, { exclude, readUpTo });
  } finally {
    removeRepo(root);
  }
}

describe('workspace scan', () => {
  it('honours .gitignore, nested ones and negations', async () => {
    const scan = await scanned({
      '.gitignore': '*.log\n/build-out/\n!keep.log\n',
      'a.log': '', 'keep.log': '', 'build-out/x.py': '', 'src/build-out/y.py': '',
      'sub/.gitignore': 'secret.py\n', 'sub/secret.py': '', 'sub/ok.py': '', 'other/secret.py': '',
    });
    assert.deepStrictEqual(scan.files.map((f) => f.path), ['.gitignore', 'keep.log', 'other/secret.py', 'src/build-out/y.py', 'sub/.gitignore', 'sub/ok.py']);
  });

  it('skips default excludes and Python environments, and records the environments', async () => {
    const scan = await scanned({
      'node_modules/a/index.js': '', '.git/HEAD': 'ref', '__pycache__/x.pyc': '', 'pkg.egg-info/PKG-INFO': '',
      'venv/pyvenv.cfg': 'home = /usr', 'venv/lib/site-packages/x.py': '', 'env/pyvenv.cfg': '', '.venv/bin/python': '',
      'conda/conda-meta/history': '', '.dvc/cache/ab/cdef': '', '.dvc/config': '[core]\n', 'env_tools/a.py': '', 'src/a.py': '',
    });
    assert.deepStrictEqual(scan.files.map((f) => f.path), ['.dvc/config', 'env_tools/a.py', 'src/a.py']);
    assert.deepStrictEqual(scan.environments.sort(), ['.venv', 'conda', 'env', 'venv']);
    assert.strictEqual(scan.gitAtRoot, true);
  });

  it('applies user exclude globs to files and folders', async () => {
    const scan = await scanned({ 'legacy/a.py': '', 'notebooks/old/x.ipynb': '', 'src/a.py': '' }, ['legacy/**', '**/old']);
    assert.deepStrictEqual(scan.files.map((f) => f.path), ['src/a.py']);
  });

  it('does not follow symlinks', async function () {
    const root = makeRepo({ 'src/a.py': 'x = 1\n' });
    try {
      fs.symlinkSync(root, path.join(root, 'loop'));
      fs.symlinkSync('/etc', path.join(root, 'outside'));
      const scan = await scanWorkspace(root);
      assert.deepStrictEqual(scan.files.map((f) => f.path), ['src/a.py']);
      assert.deepStrictEqual(scan.skipped.map((s) => [s.path, s.reason]).sort(), [['loop', 'symlink'], ['outside', 'symlink']]);
    } finally {
      removeRepo(root);
    }
  });

  it('with readUpTo, reads the texts of classified files as it lists them', async () => {
    const scan = await scanned({
      'dvc.yaml': '\ufeffstages: {}\n', 'src/a.py': 'import os\n', 'big.py': '#'.repeat(64),
      'requirements.txt': Buffer.from([0x6e, 0x00]) as unknown as string, 'data/raw.csv': 'a,b\n',
    }, undefined, 32);
    assert.deepStrictEqual(scan.files.map((f) => [f.path, f.size]), [['big.py', 64], ['data/raw.csv', 4], ['dvc.yaml', 14], ['requirements.txt', 2], ['src/a.py', 10]]);
    assert.ok(scan.files.every((f) => (f.mtimeMs ?? 0) > 0));
    // Byte order mark stripped; binary, over the cap and unclassified files have no text.
    assert.deepStrictEqual([...scan.texts!].sort(), [['dvc.yaml', 'stages: {}\n'], ['src/a.py', 'import os\n']]);
  });

  it('keeps every text whole when the reads share one buffer, through its growth and past its cap', async () => {
    // Listed in name order: small, larger than the shared buffer's first size, over its 1 MB cap, small again.
    const files = {
      'a.py': 'import os\n',
      'b.py': `x = "${'b'.repeat(100 * 1024)}"\n`,
      'c.py': `y = "${'é'.repeat(1024 * 1024)}"\n`,
      'd.py': 'import sys\n',
    };
    const scan = await scanned(files, undefined, 5 * 1048576);
    assert.deepStrictEqual(Object.keys(files).map((p) => scan.texts!.get(p) === files[p as keyof typeof files]), [true, true, true, true]);
  });

  it('without times (a scan made once), lists the same files, sizes and texts, sizes taken from the reads', async () => {
    const files: Record<string, string> = {
      'a.py': '',
      'b.py': 'import os\n',
      'c.py': 'x'.repeat(65535),
      'd.py': 'x'.repeat(65536),
      'e.py': 'é'.repeat(40000),
      'f.py': `z = "${'f'.repeat(1024 * 1024)}"\n`,
      'g.yaml': `k: ${'g'.repeat(300 * 1024)}\n`,
      'requirements.txt': 'nu\u0000ll\n',
    };
    const root = makeRepo(files);
    try {
      const timed = await scanWorkspace(root, { readUpTo: 200 * 1024 });
      const once = await scanWorkspace(root, { readUpTo: 200 * 1024, withoutTimes: true });
      const listed = (scan: typeof once) => scan.files.map((f) => [f.path, f.kind, f.size]);
      assert.deepStrictEqual(listed(once), listed(timed));
      assert.deepStrictEqual([...once.texts!].sort(), [...timed.texts!].sort());
      assert.deepStrictEqual([...once.texts!.keys()].sort(), ['a.py', 'b.py', 'c.py', 'd.py', 'e.py'], 'not the large, the over-cap or the binary file');
      assert.ok(timed.files.every((f) => f.mtimeMs !== undefined));
      // The files the shared buffer held are sized by their reads; one larger than it ever grows is stat'ed.
      assert.strictEqual(once.files.find((f) => f.path === 'b.py')!.mtimeMs, undefined);
      assert.notStrictEqual(once.files.find((f) => f.path === 'f.py')!.mtimeMs, undefined);
    } finally {
      removeRepo(root);
    }
  });

  it('without times, reads a file that fits the shared buffer once, a larger one again after an fstat', async () => {
    const files = { 'a.py': '', 'b.py': 'import os\n', 'c.yaml': `k: ${'c'.repeat(1100 * 1024)}\n` };
    const root = makeRepo(files);
    const reads = new Map<string, number>();
    const named = new Map<number, string>();
    const { openSync, readSync } = nodeFs;
    // The scan's own module object: `import * as fs` above is a copy of it.
    const patched = nodeFs as unknown as { openSync: (p: string, ...rest: unknown[]) => number; readSync: (fd: number, ...rest: unknown[]) => number };
    patched.openSync = (p, ...rest) => {
      const fd = (openSync as (p: string, ...rest: unknown[]) => number)(p, ...rest);
      named.set(fd, path.basename(p));
      return fd;
    };
    patched.readSync = (fd, ...rest) => {
      const name = named.get(fd);
      if (name) reads.set(name, (reads.get(name) ?? 0) + 1);
      return (readSync as (fd: number, ...rest: unknown[]) => number)(fd, ...rest);
    };
    try {
      const once = await scanWorkspace(root, { readUpTo: 5 * 1048576, withoutTimes: true });
      // Past the buffer's 1 MB cap, the first read fills it, an fstat sizes the file and a read of its own takes it whole.
      assert.deepStrictEqual(Object.fromEntries(reads), { 'a.py': 1, 'b.py': 1, 'c.yaml': 2 });
      assert.deepStrictEqual(once.files.map((f) => [f.path, f.size]), Object.entries(files).map(([p, t]) => [p, Buffer.byteLength(t)]));
      assert.deepStrictEqual([...once.texts!].sort(), Object.entries(files));
    } finally {
      Object.assign(nodeFs, { openSync, readSync });
      removeRepo(root);
    }
  });

  it('without times, decodes ASCII texts a batch at a time, across batches, yields and a scan running beside it', async () => {
    // 700 entries make the walk yield; 40 files of 60 KB fill more than one batch; three of the Python files are non-ASCII, with a BOM, and binary.
    const repo = (tag: string) => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 700; i++) files[`src/m${String(i).padStart(3, '0')}.py`] = `# ${tag} ${i}\nimport os\n`;
      for (let i = 0; i < 40; i++) files[`conf/c${i}.yaml`] = `k${i}: ${tag}${'v'.repeat(60 * 1024)}\n`;
      Object.assign(files, { 'src/m100.py': `s = "é ${tag}"\n`, 'src/m200.py': `\ufeffimport sys  # ${tag}\n`, 'src/m300.py': `x = 1\u0000${tag}\n` });
      return files;
    };
    const roots = [makeRepo(repo('one')), makeRepo(repo('two'))];
    const { toString } = Buffer.prototype;
    let decodes = 0;
    Buffer.prototype.toString = function (this: Buffer, ...args: unknown[]) {
      decodes++;
      return (toString as (...a: unknown[]) => string).apply(this, args);
    } as typeof toString;
    try {
      const once = await Promise.all(roots.map((root) => scanWorkspace(root, { readUpTo: 5 * 1048576, withoutTimes: true })));
      Buffer.prototype.toString = toString;
      assert.ok(decodes < 40, `${decodes} decodes for 2 x 740 files`);
      for (const [i, root] of roots.entries()) {
        const timed = await scanWorkspace(root, { readUpTo: 5 * 1048576 });
        assert.deepStrictEqual([...once[i].texts!].sort(), [...timed.texts!].sort());
        assert.strictEqual(once[i].texts!.size, 739, 'every file but the binary one');
        assert.strictEqual(once[i].texts!.get('src/m200.py'), `import sys  # ${i ? 'two' : 'one'}\n`);
      }
    } finally {
      Buffer.prototype.toString = toString;
      roots.forEach(removeRepo);
    }
  });

  it('without readUpTo, reads no texts', async () => {
    const scan = await scanned({ 'dvc.yaml': 'stages: {}\n' });
    assert.strictEqual(scan.texts, undefined);
    assert.deepStrictEqual(scan.files.map((f) => [f.path, f.size]), [['dvc.yaml', 11]]);
  });

  it('says of one path what a full scan says of it, reading only the folders above it', async () => {
    const root = makeRepo({
      '.gitignore': '*.log\n!keep.log\n', 'keep.log': '', 'a.log': '', 'sub/.gitignore': 'secret.py\n', 'sub/secret.py': '', 'sub/ok.py': 'x = 1\n',
      'venv/pyvenv.cfg': '', 'venv/lib/x.py': '', 'node_modules/a/dvc.yaml': '', 'legacy/old.py': '', 'src/deep/er/dvc.yaml': 'stages: {}\n', 'data/raw.csv': 'a\n',
    });
    try {
      fs.symlinkSync('/etc', path.join(root, 'outside'));
      const exclude = ['legacy/**'];
      const scan = await scanWorkspace(root, { exclude });
      const asScanned = (rel: string) => {
        const file = scan.files.find((f) => f.path === rel);
        const skipped = scan.skipped.find((f) => f.path === rel);
        return file ? { file } : skipped ? { skipped } : { absent: true };
      };
      const paths = ['keep.log', 'a.log', 'sub/secret.py', 'sub/ok.py', 'venv/lib/x.py', 'node_modules/a/dvc.yaml', 'legacy/old.py', 'src/deep/er/dvc.yaml', 'data/raw.csv', 'outside', 'outside/passwd', 'nothing/here.py', 'sub/ok.py/x'];
      // One reader for the batch, as a session uses it, and one per path: the same answers.
      const reader = new ArrivalReader(root, exclude);
      for (const rel of paths) {
        assert.deepStrictEqual(reader.arrival(rel), asScanned(rel), rel);
        assert.deepStrictEqual(new ArrivalReader(root, exclude).arrival(rel), asScanned(rel), rel);
      }
      for (const rel of ['src', 'src/deep', '.gitignore', 'sub/.gitignore', 'venv/pyvenv.cfg', '.git', 'a//b', '../x']) assert.deepStrictEqual(reader.arrival(rel), { fullScan: true }, rel);
    } finally {
      removeRepo(root);
    }
  });

  it('classifies files by kind', () => {
    const cases: [string, string | undefined][] = [
      ['dvc.yaml', 'dvc-pipeline'], ['sub/dvc.lock', 'dvc-lock'], ['data/x.csv.dvc', 'dvc-pointer'], ['.dvc/config', 'dvc-config'],
      ['.github/workflows/ci.yml', 'github-workflow'], ['.gitlab-ci.yml', 'gitlab-ci'], ['requirements-dev.txt', 'requirements'],
      ['requirements/base.txt', 'requirements'], ['pyproject.toml', 'pyproject'], ['docker/Dockerfile.gpu', 'dockerfile'],
      ['notebooks/a.ipynb', 'notebook'], ['src/a.py', 'python'], ['README.md', 'readme'], ['docs/x.md', 'markdown'],
      ['k8s/deploy.yaml', 'yaml'], ['MLproject', 'mlproject'], ['bentofile.yaml', 'bentofile'], ['.pre-commit-config.yaml', 'precommit'],
      ['environment.yml', 'conda-env'], ['poetry.lock', 'lockfile'], ['data/raw.csv', undefined], ['model.pt', undefined],
      // Path globs, behind the test of file names: each must still win over a plain suffix (`*.yml`) of a later kind.
      ['sub/.gitlab/ci/a/b.yml', 'gitlab-ci'], ['conf/base/parameters_train.yml', 'params'], ['.devcontainer/py/devcontainer.json', 'devcontainer'],
      ['ci/Jenkinsfile.prod', 'jenkinsfile'], ['x-requirements.txt', 'requirements'], ['conda-linux-64.lock', 'lockfile'], ['docs/readme.rst', 'readme'],
      ['notes.txt', undefined],
    ];
    for (const [p, kind] of cases) assert.strictEqual(classify(p), kind, p);
  });

  it('a file over the parse cap is counted but not read', async () => {
    const big = 'import wandb\n' + '#'.repeat(2 * 1024 * 1024);
    const result = await analyzeFiles({ '.mlmaturity.yml': 'maxFileSizeMB: 1\nlargeFileThresholdMB: 1\n', 'train.py': big });
    assert.strictEqual(practiceOf(result, 'tracking.experiments').verdict, 'missing', 'not parsed');
    assert.strictEqual(practiceOf(result, 'vcs.no-large-files').verdict, 'partial', 'but counted');
  });

  it('binary files with config names are not parsed', async () => {
    const result = await analyzeFiles({ 'requirements.txt': Buffer.from([0x6e, 0x75, 0x00, 0x01, 0xff]) as unknown as string });
    assert.strictEqual(result.findings.filter((f) => f.ruleId === 'reqs/syntax').length, 0);
    assert.strictEqual(practiceOf(result, 'deps.declared').verdict, 'missing');
  });
});
