import * as assert from 'assert';
import { analyzeProject } from '../../server/src/core/engine';
import { makeHostileRepo, hostileFiles } from '../support/hostile';
import { makeRepo, removeRepo } from '../support/repo';

describe('hostile repositories', function () {
  this.timeout(60000);

  it('are analysed to the end, in bounded time and memory, with each problem on its file', async () => {
    const root = makeRepo({});
    const stop = await makeHostileRepo(root);
    try {
      const heapBefore = process.memoryUsage().heapUsed;
      const t0 = Date.now();
      const result = await analyzeProject(root);
      const ms = Date.now() - t0;
      const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
      assert.ok(ms < 20000, `took ${ms} ms`);
      assert.ok(heapMb < 400, `heap grew ${heapMb.toFixed(0)} MB`);
      assert.strictEqual(result.practices.length, 29);
      const files = new Set(result.findings.map((f) => f.file));
      for (const broken of ['.github/workflows/unterminated.yml', '.github/workflows/tabs.yml', '.github/workflows/dupes.yml', '.github/workflows/bomb.yml', 'pyproject.toml', 'requirements.txt', 'Dockerfile', '.dvc/config', 'notebooks/broken.ipynb', '.devcontainer/devcontainer.json', '.mlmaturity.yml']) {
        assert.ok(files.has(broken), `a finding on ${broken}`);
      }
      const bomb = result.findings.find((f) => f.file === '.github/workflows/bomb.yml' && f.ruleId === 'yaml/syntax');
      assert.match(bomb?.message ?? '', /alias/i);
      assert.deepStrictEqual(result.model.signals['ci-definition']?.map((e) => e.file).sort(), ['.github/workflows/crlf-bom.yml', '.github/workflows/lone-cr.yml']);
      assert.ok(!result.model.signals['tracking']?.some((e) => e.file === 'src/train.py'), 'an import inside an unterminated docstring is no evidence');
      const skipped = new Map(result.model.files.skipped ? [['n', result.model.files.skipped]] : []);
      assert.ok((skipped.get('n') ?? 0) >= 5, 'links, the FIFO and the socket were passed over');
    } finally {
      stop();
      removeRepo(root);
    }
  });

  for (const f of hostileFiles()) {
    it(`alone: ${f.why} (${f.path})`, async () => {
      const root = makeRepo({ [f.path]: f.content });
      try {
        const t0 = Date.now();
        const result = await analyzeProject(root);
        assert.ok(Date.now() - t0 < 10000, 'bounded time');
        assert.strictEqual(result.practices.length, 29);
      } finally {
        removeRepo(root);
      }
    });
  }
});

describe('a very wide folder', function () {
  this.timeout(300000);
  const count = Number(process.env.MLM_HOSTILE_FILES ?? 10000);

  it(`${count} files in one folder are scanned in bounded time`, async () => {
    const root = makeRepo({ 'requirements.txt': 'pandas==2.2.2\n' });
    const fs = await import('fs');
    const path = await import('path');
    const dir = path.join(root, 'many');
    fs.mkdirSync(dir);
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `f${i}.csv`), '');
    try {
      const t0 = Date.now();
      const result = await analyzeProject(root);
      const perFile = (Date.now() - t0) / count;
      assert.strictEqual(result.stats.files, count + 1);
      assert.ok(perFile < 1, `${perFile.toFixed(3)} ms per file`);
    } finally {
      removeRepo(root);
    }
  });
});

describe('huge inputs', function () {
  this.timeout(120000);

  it('a 50 MB YAML, a 1,000,000-line requirements file and a 10 MB line: counted, never parsed, bounded', async () => {
    const fs = await import('fs');
    const path = await import('path');
    const root = makeRepo({ 'README.md': '# x\n\ntext\n' });
    try {
      const chunk = 'key_000: [1, 2, 3]\n'.repeat(1000);
      const fd = fs.openSync(path.join(root, 'big.yaml'), 'w');
      for (let written = 0; written < 50 * 1048576; written += chunk.length) fs.writeSync(fd, chunk);
      fs.closeSync(fd);
      fs.writeFileSync(path.join(root, 'requirements.txt'), 'numpy==1.26.4\n'.repeat(1_000_000));
      fs.writeFileSync(path.join(root, '.github-line.yml'), `x: "${'a'.repeat(10 * 1048576)}"\n`);
      const heapBefore = process.memoryUsage().heapUsed;
      const t0 = Date.now();
      const result = await analyzeProject(root);
      assert.ok(Date.now() - t0 < 15000, `${Date.now() - t0} ms`);
      assert.ok((process.memoryUsage().heapUsed - heapBefore) / 1048576 < 200, 'memory stays bounded: none of them is read as text');
      assert.deepStrictEqual(result.model.largeFiles.map((f) => f.file).sort(), ['.github-line.yml', 'big.yaml', 'requirements.txt']);
      assert.ok(result.findings.some((f) => f.ruleId === 'vcs.no-large-files' && f.file === 'big.yaml'));
    } finally {
      removeRepo(root);
    }
  });
});
