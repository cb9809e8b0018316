import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { AnalysisResult } from '../../server/src/core/engine';
import { analyzeProject } from '../../server/src/core/engine';
import { ProjectSession } from '../../server/src/core/session';
import { makeRepo, removeRepo } from '../support/repo';

const REPO = {
  'README.md': '# x\n\nSome text.\n',
  'requirements.txt': 'pandas>=2\nnumpy==1.26.4\n',
  'params.yaml': 'train:\n  lr: 0.1\n',
  'dvc.yaml': 'stages:\n  train:\n    cmd: python train.py\n    deps:\n      - train.py\n    params:\n      - train.lr\n      - train.epochs\n    outs:\n      - model.pkl\n',
  'train.py': 'import mlflow\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n      - run: pip install -r requirements.txt\n',
  Dockerfile: 'FROM python:3.11\nRUN pip install -r requirements.txt\n',
};

function summary(r: AnalysisResult) {
  return { score: r.score.score, level: r.score.level, findings: r.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.character} ${f.ruleId} ${f.message} [${(f.fixes ?? []).map((x) => x.title).join('|')}]`) };
}

describe('incremental session', () => {
  let root: string;
  beforeEach(() => {
    root = makeRepo(REPO);
  });
  afterEach(() => removeRepo(root));

  // A session used once (the CLI) keeps no facts or rule results: analysed again all the same, it must not answer from what it did not keep.
  for (const use of ['kept', 'once'] as const) it(`gives the same result as a fresh analysis after every kind of edit (${use})`, async () => {
    const session = new ProjectSession(root, {}, use);
    const overlays = new Map<string, string>();
    const check = async (what: string) => {
      const incremental = summary(await session.analyze());
      const fresh = summary(await analyzeProject(root, { overlays }));
      assert.deepStrictEqual(incremental, fresh, what);
      return incremental;
    };
    const edit = async (rel: string, text: string | undefined, what: string) => {
      if (text === undefined) overlays.delete(rel);
      else overlays.set(rel, text);
      session.setOverlay(rel, text);
      return check(what);
    };
    const first = await check('first analysis');
    assert.ok(first.findings.some((f) => f.includes("dvc/param-missing Parameter 'train.epochs'")));
    // A params edit changes what dvc.yaml's rules say.
    const fixed = await edit('params.yaml', 'train:\n  lr: 0.1\n  epochs: 3\n', 'params.yaml gains the key dvc.yaml reads');
    assert.ok(!fixed.findings.some((f) => f.includes('dvc/param-missing')));
    await edit('dvc.yaml', REPO['dvc.yaml'].replace('train.epochs', 'train.batch'), 'dvc.yaml reads another key');
    // A workflow that starts running tests changes the project's signals and other files' findings.
    const tested = await edit('.github/workflows/ci.yml', REPO['.github/workflows/ci.yml'] + '      - run: pytest\n', 'CI runs tests');
    assert.ok(!tested.findings.some((f) => f.includes('gha/no-tests')));
    await edit('.github/workflows/ci.yml', undefined, 'the editor closes the workflow: the disk speaks again');
    // A lockfile gives pinning fixes a version.
    fs.writeFileSync(path.join(root, 'poetry.lock'), '[[package]]\nname = "pandas"\nversion = "2.2.2"\n');
    session.diskChanged(['poetry.lock'], true);
    const locked = await check('a lockfile appears on disk');
    assert.ok(locked.findings.some((f) => f.includes('reqs/unpinned') && f.includes('Pin to ==2.2.2')));
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM python:3.11\nRUN pip install --no-cache-dir -r requirements.txt\nUSER app\n');
    session.diskChanged(['Dockerfile'], false);
    await check('the Dockerfile changes on disk');
    fs.rmSync(path.join(root, 'dvc.yaml'));
    session.diskChanged(['dvc.yaml'], true);
    const gone = await check('dvc.yaml is deleted');
    assert.ok(!gone.findings.some((f) => f.startsWith('dvc.yaml')));
    await edit('.mlmaturity.yml', 'targetLevel: 4\nrules:\n  reqs/unpinned: off\n', 'a config file opens unsaved');
    session.setOptions({ overrides: { targetLevel: 1 } });
    await check('editor settings change');
  });

  it('keeps the model while no fact moves, and builds it again for what it reads besides facts', async () => {
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.writeFileSync(path.join(root, 'scripts', 'check.sh'), 'echo checking\n');
    fs.writeFileSync(path.join(root, 'weights.bin'), Buffer.alloc(16));
    const session = new ProjectSession(root);
    const overlays = new Map<string, string>();
    const edit = async (rel: string, text: string) => {
      overlays.set(rel, text);
      session.setOverlay(rel, text);
      const incremental = await session.analyze();
      assert.deepStrictEqual(summary(incremental), summary(await analyzeProject(root, { overlays })), rel);
      return incremental;
    };
    const first = await session.analyze();
    const retyped = await edit('params.yaml', 'train:\n  lr: 0.2\n');
    assert.strictEqual(retyped.model, first.model, 'a value typed changes no fact');
    const script = await edit('.github/workflows/ci.yml', REPO['.github/workflows/ci.yml'] + '      - run: bash scripts/check.sh\n');
    assert.notStrictEqual(script.model, first.model);
    assert.ok(!script.model.signals['ci-tests'], 'the script runs no tests yet');
    const called = await edit('scripts/check.sh', 'pytest -q\n');
    assert.ok(called.model.signals['ci-tests'], 'CI now runs tests through the script');
    const titled = await edit('README.md', '# x\n');
    assert.ok(titled.model.signals['readme-empty'] && !titled.model.signals.readme, 'a README with only a title');
    // A file of no kind (no text, no facts) grows past the 10 MB threshold on disk: only its size says so.
    fs.writeFileSync(path.join(root, 'weights.bin'), Buffer.alloc(11 * 1048576));
    session.diskChanged(['weights.bin'], false);
    const large = await session.analyze();
    assert.deepStrictEqual(large.model.largeFiles.map((f) => f.file), ['weights.bin'], 'a file grew past the threshold on disk');
    assert.deepStrictEqual(summary(large), summary(await analyzeProject(root, { overlays })));
  });

  it('reuses what an edit does not touch', async () => {
    const session = new ProjectSession(root);
    const before = await session.analyze();
    session.setOverlay('Dockerfile', 'FROM python:3.11\nRUN pip install --no-cache-dir -r requirements.txt\n');
    const after = await session.analyze();
    const dockerless = (r: AnalysisResult) => r.findings.filter((f) => f.file !== 'Dockerfile');
    const same = dockerless(after).every((f, i) => {
      const g = dockerless(before)[i];
      return g && g.ruleId === f.ruleId && g.message === f.message;
    });
    assert.ok(same, 'findings of other files are unchanged');
    const ruleFinding = (r: AnalysisResult) => r.findings.find((f) => f.ruleId === 'reqs/unpinned');
    assert.strictEqual(ruleFinding(after)?.fixes, ruleFinding(before)?.fixes, 'requirements.txt was not re-evaluated: the same objects come back');
    // A publisher tells unchanged files at a glance: their lists are the very arrays of the last analysis.
    assert.ok(before.findingsByFile.get('requirements.txt')?.length);
    assert.strictEqual(after.findingsByFile.get('requirements.txt'), before.findingsByFile.get('requirements.txt'));
    assert.notStrictEqual(after.findingsByFile.get('Dockerfile'), before.findingsByFile.get('Dockerfile'));
    assert.deepStrictEqual([...after.findingsByFile.values()].flat(), after.findings);
  });
});

describe('fix edits computed when asked for', () => {
  const workflow = '.github/workflows/ci.yml';
  const timeoutOf = (r: AnalysisResult) => r.findings.find((f) => f.ruleId === 'gha/no-timeout');
  let root: string;
  beforeEach(() => {
    root = makeRepo(REPO);
  });
  afterEach(() => removeRepo(root));

  it('a cached finding still computes exact edits after other files changed', async () => {
    const session = new ProjectSession(root);
    const first = timeoutOf(await session.analyze());
    session.setOverlay('Dockerfile', 'FROM python:3.11\n');
    const cached = timeoutOf(await session.analyze());
    assert.strictEqual(cached, first, 'the workflow was not re-evaluated');
    assert.deepStrictEqual(cached?.fixes?.[0].edits.map((e) => [e.range.start.line, e.newText]), [[7, '    timeout-minutes: 60\n']]);
  });

  it('a finding of an older text gives no edits; the finding of the new text does', async () => {
    const session = new ProjectSession(root);
    const old = timeoutOf(await session.analyze());
    session.setOverlay(workflow, `# edited\n${REPO[workflow]}`);
    const fresh = timeoutOf(await session.analyze());
    assert.deepStrictEqual(old?.fixes?.map((f) => f.edits), [[]]);
    assert.deepStrictEqual(fresh?.fixes?.[0].edits.map((e) => e.range.start.line), [8]);
  });
});

describe('incremental session: cross-file inputs', () => {
  it('a params file in another folder, named by a stage, invalidates that dvc.yaml', async () => {
    const root = makeRepo({ 'dvc.yaml': 'stages:\n  t:\n    cmd: python t.py\n    params:\n      - conf/model.yaml:\n          - depth\n', 'conf/model.yaml': 'width: 3\n' });
    try {
      const session = new ProjectSession(root);
      const before = await session.analyze();
      assert.ok(before.findings.some((f) => f.ruleId === 'dvc/param-missing'));
      session.setOverlay('conf/model.yaml', 'width: 3\ndepth: 2\n');
      const after = await session.analyze();
      assert.ok(!after.findings.some((f) => f.ruleId === 'dvc/param-missing'));
    } finally {
      removeRepo(root);
    }
  });
});

describe('incremental session: a seeded run of edits across files that read each other', () => {
  // Each file has texts that change what another file's rules or the model say: params keys a
  // stage reads, a pyproject a workflow's view reads, requirements MLproject reads, tests CI runs.
  const TEXTS: Record<string, string[]> = {
    'dvc.yaml': [REPO['dvc.yaml'], REPO['dvc.yaml'].replace('train.epochs', 'train.batch'), 'stages:\n  train:\n    cmd: python train.py\n'],
    'params.yaml': ['train:\n  lr: 0.1\n', 'train:\n  lr: 0.1\n  epochs: 3\n', 'train:\n  lr: 0.1\n  epochs: 3\n  seed: 1\n', 'train: [\n'],
    '.github/workflows/ci.yml': [REPO['.github/workflows/ci.yml'], REPO['.github/workflows/ci.yml'] + '      - run: pytest\n', 'on: push\njobs: {}\n'],
    'pyproject.toml': ['[project]\nname = "x"\nrequires-python = ">=3.10"\n', '[project]\nname = "x"\n'],
    'requirements.txt': [REPO['requirements.txt'], 'pandas==2.2.2\nnumpy==1.26.4\n  # mlmaturity: ignore[reqs/unpinned]\n'],
    MLproject: ['name: x\nentry_points:\n  main:\n    command: python train.py\n', 'name: x\npython_env: python_env.yaml\nentry_points:\n  main:\n    command: python train.py\n'],
    'Dockerfile': [REPO.Dockerfile, 'FROM python:3.11\nRUN pip install -r requirements.txt  # mlmaturity: ignore[docker/pip-cache]\nUSER app\n'],
    'test_train.py': ['import train\n\ndef test_x():\n    assert True\n', '# no tests yet\n'],
    // A seed set here changes what params.yaml's rules say, without params.yaml changing.
    'train.py': [REPO['train.py'], 'import random\nrandom.seed(0)\n'],
    '.gitlab-ci.yml': ['build:\n  script: echo hi\n', 'test:\n  script: pytest\n'],
  };

  it('matches a fresh analysis after every edit', async () => {
    const root = makeRepo({ ...REPO, 'pyproject.toml': TEXTS['pyproject.toml'][0], MLproject: TEXTS.MLproject[0], 'test_train.py': TEXTS['test_train.py'][0] });
    try {
      const session = new ProjectSession(root);
      const overlays = new Map<string, string>();
      await session.analyze();
      let seed = 7;
      const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
      const paths = Object.keys(TEXTS);
      for (let step = 0; step < 120; step++) {
        const rel = paths[next(paths.length)];
        const choice = next(TEXTS[rel].length + 1);
        // One choice in each file's list closes the document: the disk speaks again.
        const text = choice === TEXTS[rel].length ? undefined : TEXTS[rel][choice];
        if (text === undefined) overlays.delete(rel);
        else overlays.set(rel, text);
        session.setOverlay(rel, text);
        const incremental = summary(await session.analyze());
        const fresh = summary(await analyzeProject(root, { overlays }));
        assert.deepStrictEqual(incremental, fresh, `step ${step}: ${rel} ${text === undefined ? 'closed' : `text ${choice}`}`);
      }
    } finally {
      removeRepo(root);
    }
  });
});

describe('incremental session: custom rules', () => {
  it('edits made while custom rules were on are not missed once they are off', async () => {
    const rule = JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      rule: { id: 'team/has-name', title: 'Workflows have a name', severity: 'warning', level: 2, target: { kinds: ['github-workflow'] }, message: 'Name the workflow.', rationale: 'Lists of runs read better.' },
      type: 'object',
      required: ['name'],
    });
    const root = makeRepo({ ...REPO, '.mlmaturity.yml': 'ruleFolders:\n  - rules\n', 'rules/name.json': rule });
    try {
      const session = new ProjectSession(root, { customRules: false });
      await session.analyze();
      session.setOptions({ customRules: true });
      assert.ok((await session.analyze()).findings.some((f) => f.ruleId === 'team/has-name'));
      // Fixed under the custom rules' own store: the session's store must look again.
      const params = 'train:\n  lr: 0.1\n  epochs: 3\n';
      session.setOverlay('params.yaml', params);
      await session.analyze();
      session.setOptions({ customRules: false });
      const after = summary(await session.analyze());
      assert.deepStrictEqual(after, summary(await analyzeProject(root, { overlays: new Map([['params.yaml', params]]), customRules: false })));
      assert.ok(!after.findings.some((f) => f.includes('dvc/param-missing')));
    } finally {
      removeRepo(root);
    }
  });
});

describe('incremental session: released Python texts', () => {
  it('a Python file edited, closed and changed on disk still gives the right facts', async () => {
    const root = makeRepo({ 'train.py': 'import mlflow\n', 'README.md': '# x\n\ntext\n' });
    try {
      const session = new ProjectSession(root);
      const tracked = (r: AnalysisResult) => !!r.model.signals['tracking'];
      assert.strictEqual(tracked(await session.analyze()), true);
      assert.strictEqual(tracked(await session.analyze()), true, 'a second analysis reuses the cached facts');
      session.setOverlay('train.py', 'import os\n');
      assert.strictEqual(tracked(await session.analyze()), false, 'the editor text wins');
      session.setOverlay('train.py', undefined);
      assert.strictEqual(tracked(await session.analyze()), true, 'closed: the disk text, read again');
      fs.writeFileSync(path.join(root, 'train.py'), 'import wandb\n');
      session.diskChanged(['train.py'], false);
      const after = await session.analyze();
      assert.deepStrictEqual(after.model.signals['tracking']?.map((e) => e.detail), ['imports wandb']);
      session.rescanAll();
      assert.deepStrictEqual((await session.analyze()).model.signals['tracking']?.map((e) => e.detail), ['imports wandb'], 'a rescan keeps it');
    } finally {
      removeRepo(root);
    }
  });

  it('keeps findings anchored on a Python file where they were once its text has gone', async () => {
    // No README or manifest: the practices fall back to a Python file, the first that holds code.
    const root = makeRepo({ 'src/a.py': '# only a comment\n\n', 'src/b.py': '  import numpy as np  \r\nx = 1\n' });
    try {
      const session = new ProjectSession(root);
      const anchored = (r: AnalysisResult) => r.findings.filter((f) => f.ruleId === 'tests.present').map((f) => ({ file: f.file, range: f.range }));
      const first = anchored(await session.analyze());
      assert.deepStrictEqual(first, [{ file: 'src/b.py', range: { start: { line: 0, character: 2 }, end: { line: 0, character: 20 } } }]);
      session.setOverlay('notes.md', '# notes\n');
      assert.deepStrictEqual(anchored(await session.analyze()), first, 'an edit elsewhere, with the Python texts let go');
      fs.writeFileSync(path.join(root, 'src/b.py'), '# gone\n');
      session.diskChanged(['src/b.py'], false);
      const emptied = [{ file: 'src/a.py', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } } }];
      assert.deepStrictEqual(anchored(await session.analyze()), emptied, 'no Python file holds code: the first one, on its first line');
      session.setOverlay('notes.md', '# notes again\n');
      assert.deepStrictEqual(anchored(await session.analyze()), emptied);
    } finally {
      removeRepo(root);
    }
  });

  it("holds no Python text after an analysis, the scan's copy included", async () => {
    const root = makeRepo({ 'train.py': 'import mlflow\n', 'params.yaml': 'lr: 0.1\n' });
    try {
      const session = new ProjectSession(root);
      await session.analyze();
      const held = session as unknown as { disk: Map<string, string>; scan: { texts?: Map<string, string> } };
      assert.deepStrictEqual([...held.disk.keys()], ['params.yaml']);
      assert.strictEqual(held.scan.texts, undefined);
    } finally {
      removeRepo(root);
    }
  });

  it('lists the Python parses it let go once asked to record them (the benchmark floor parses the same)', async () => {
    const root = makeRepo({ 'train.py': 'import mlflow\n', 'params.yaml': 'lr: 0.1\n', 'README.md': '# x\n\ntext\n' });
    try {
      const plain = new ProjectSession(root);
      await plain.analyze();
      assert.deepStrictEqual(plain.parsedFormats().map(([p]) => p).sort(), ['params.yaml']);
      const recording = new ProjectSession(root);
      recording.recordParses();
      await recording.analyze();
      assert.deepStrictEqual(recording.parsedFormats().sort(), [['params.yaml', ['yaml']], ['train.py', ['code']]]);
    } finally {
      removeRepo(root);
    }
  });
});

describe('incremental session: suppressions', () => {
  it('a file that held a suppression and went leaves nothing behind, whether it is looked at alone or in a full rescan', async () => {
    const root = makeRepo({ ...REPO, 'requirements.txt': 'pandas==2.2.2  # mlmaturity: ignore[reqs/unpinned]\n', 'requirements-dev.txt': 'pytest==8.0.0  # mlmaturity: ignore[reqs/unpinned]\n' });
    try {
      const session = new ProjectSession(root);
      const hints = (r: AnalysisResult) => r.findings.filter((f) => f.ruleId === 'suppression/unused').map((f) => f.file).sort();
      assert.deepStrictEqual(hints(await session.analyze()), ['requirements-dev.txt', 'requirements.txt']);
      fs.rmSync(path.join(root, 'requirements-dev.txt'));
      session.diskChanged(['requirements-dev.txt'], true);
      assert.deepStrictEqual(hints(await session.analyze()), ['requirements.txt'], 'looked at alone');
      fs.rmSync(path.join(root, 'requirements.txt'));
      session.rescanAll();
      const after = await session.analyze();
      assert.deepStrictEqual(hints(after), [], 'after a full rescan');
      assert.deepStrictEqual(summary(after), summary(await analyzeProject(root)));
    } finally {
      removeRepo(root);
    }
  });
});

describe('files that come and go', () => {
  const TREE = {
    ...REPO,
    '.gitignore': 'outputs/\n*.tmp\n',
    'src/.gitignore': 'generated_*.py\n',
    'src/model.py': 'import torch\n',
    'src/nested/deep/util.py': 'import os\n',
    'configs/train.yaml': 'lr: 0.1\n',
    'venv/pyvenv.cfg': 'home = /usr\n',
    'node_modules/x/index.js': '',
    '.git/HEAD': 'ref: refs/heads/main\n',
  };
  let root: string;
  beforeEach(() => {
    root = makeRepo(TREE);
  });
  afterEach(() => removeRepo(root));

  it('are looked at one by one, with the same result as a fresh analysis', async () => {
    const session = new ProjectSession(root, { overrides: { exclude: ['legacy/**'] } });
    const check = async (what: string) => {
      const incremental = summary(await session.analyze());
      const fresh = summary(await analyzeProject(root, { overrides: { exclude: ['legacy/**'] } }));
      assert.deepStrictEqual(incremental, fresh, what);
      return incremental;
    };
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    await check('first analysis');
    write('src/nested/deep/Dockerfile', 'FROM python:3.11\n');
    session.diskChanged(['src/nested/deep/Dockerfile'], true);
    assert.ok((await check('a Dockerfile in a deep folder')).findings.some((f) => f.startsWith('src/nested/deep/Dockerfile')));
    for (const rel of ['outputs/dvc.yaml', 'src/generated_a.py', 'x.tmp', 'legacy/dvc.yaml', 'venv/lib/train.py', 'node_modules/y/dvc.yaml', '.git/index.lock']) write(rel, 'stages: {}\n');
    session.diskChanged(['outputs/dvc.yaml', 'src/generated_a.py', 'x.tmp', 'legacy/dvc.yaml', 'venv/lib/train.py', 'node_modules/y/dvc.yaml', '.git/index.lock'], true);
    await check('files that .gitignore, the user, an environment or the defaults leave out');
    fs.rmSync(path.join(root, 'src', 'nested'), { recursive: true });
    session.diskChanged(['src/nested'], true);
    assert.ok(!(await check('a folder deleted')).findings.some((f) => f.startsWith('src/nested/')));
    fs.rmSync(path.join(root, 'dvc.yaml'));
    write('params.yaml', 'train:\n  lr: 0.2\n');
    session.diskChanged(['dvc.yaml', 'params.yaml'], true);
    await check('a file deleted and another changed in one batch');
    fs.symlinkSync(path.join(root, 'configs'), path.join(root, 'linked'));
    session.diskChanged(['linked', 'gone.py'], true);
    await check('a link, and a path that is gone again');
    write('dvc.yaml', REPO['dvc.yaml']);
    session.diskChanged(['dvc.yaml'], true);
    await check('dvc.yaml is back');
    fs.rmSync(path.join(root, 'train.py'));
    session.diskChanged(['train.py'], true);
    assert.ok((await check('a stage dependency goes')).findings.some((f) => f.includes('dvc/dep-missing')));
    write('train.py', 'import mlflow\n');
    session.diskChanged(['train.py'], true);
    assert.ok(!(await check('and comes back')).findings.some((f) => f.includes('dvc/dep-missing')));
    write('a/params.yaml', 'lr: 1\n');
    write('.github/workflows/a.yml', 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n');
    write('.gitlab-ci.yml', 'build:\n  script: make\n');
    session.diskChanged(['a/params.yaml', '.github/workflows/a.yml', '.gitlab-ci.yml'], true);
    await check('files that move where a project-wide finding is reported');
    fs.rmSync(path.join(root, 'params.yaml'));
    session.diskChanged(['params.yaml'], true);
    assert.ok((await check('the params file where a missing seed is reported goes')).findings.some((f) => f.startsWith('a/params.yaml:0:0 params/no-seed')));
    assert.strictEqual(session.fullScans, 1, 'none of these took a full scan');

    write('src/.gitignore', 'model.py\n');
    session.diskChanged(['src/.gitignore'], false);
    await check('a .gitignore changes');
    write('newdir/a/train.py', 'import mlflow\n');
    session.diskChanged(['newdir'], true);
    await check('a folder arrives');
    write('envs/new/pyvenv.cfg', 'home = /usr\n');
    write('envs/new/lib/x.py', 'import wandb\n');
    session.diskChanged(['envs/new/pyvenv.cfg', 'envs/new/lib/x.py'], true);
    await check('a folder becomes an environment');
    fs.rmSync(path.join(root, 'venv'), { recursive: true });
    session.diskChanged(['venv'], true);
    await check('an environment goes');
    assert.strictEqual(session.fullScans, 5, 'each of these took one');
  });
});
