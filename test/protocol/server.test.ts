import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/core/text';
import { ReportRequest } from '../../server/src/protocol';
import { TestClient, uriOf } from '../support/lsp-client';
import { makeRepo, removeRepo } from '../support/repo';
import { helperNice } from '../support/threads';

function apply(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => index.offsetAt(b.range.start) - index.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, index.offsetAt(e.range.start)) + e.newText + out.slice(index.offsetAt(e.range.end));
  return out;
}

function editsFor(action: CodeAction, file: string): TextEdit[] {
  return action.edit?.changes?.[uriOf(file)] ?? [];
}

const DOCKERFILE = 'FROM python:3.11\nRUN pip install -r requirements.txt\nUSER app\n';
const REPO = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  'README.md': '# Churn\n\nPredicts churn.\n',
  'requirements.txt': 'pandas>=2\nnumpy==1.26.4\n',
  'poetry.lock': '[[package]]\nname = "pandas"\nversion = "2.2.2"\n',
  Dockerfile: DOCKERFILE,
  '.github/workflows/ci.yml': 'on: push\npermissions: {contents: read}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
};

describe('language server over stdio JSON-RPC', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = makeRepo(REPO);
    client = await TestClient.start([root]);
  });
  afterEach(async () => {
    client.kill();
    removeRepo(root);
  });

  it('publishes diagnostics for files nobody opened, with exact ranges, codes and docs links', async () => {
    const reqs = await client.waitFor('requirements.txt diagnostics', () => client.diagnosticsOf(path.join(root, 'requirements.txt')).find((d) => d.code === 'reqs/unpinned'));
    assert.deepStrictEqual(reqs.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    assert.strictEqual(reqs.severity, 2);
    assert.strictEqual(reqs.source, 'ML Maturity');
    assert.match(reqs.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\/reqs-unpinned\.md$/);
    assert.ok(fs.existsSync(new URL(reqs.codeDescription!.href)), 'the docs page exists');
    const docker = client.diagnosticsOf(path.join(root, 'Dockerfile')).find((d) => d.code === 'docker/pip-cache');
    assert.deepStrictEqual(docker?.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 35 } });
    const score = await client.nextScore(root, 0);
    assert.deepStrictEqual([score.level, score.levelName, score.nextLevel], [0, 'Ad hoc', 1], 'no tests and no linter: level 1 is not reached');
    assert.strictEqual(score.folderName, path.basename(root));
    assert.ok(score.nextSteps.length > 0 && score.categories.length > 0);
  });

  it('re-lints an open document from its text on change, and clears what went away', async () => {
    const file = path.join(root, 'Dockerfile');
    await client.waitFor('initial Dockerfile diagnostics', () => client.diagnosticsOf(file).find((d) => d.code === 'docker/pip-cache'));
    await client.open(file, DOCKERFILE, 'dockerfile');
    await client.change(file, 2, 'FROM python:3.11\nRUN pip install --no-cache-dir -r requirements.txt\nUSER app\n');
    const after = await client.waitFor('diagnostics of version 2', () => {
      const p = client.diagnostics.get(uriOf(file));
      return p?.version === 2 ? p : undefined;
    });
    assert.deepStrictEqual(after.diagnostics.filter((d) => d.code === 'docker/pip-cache'), []);
    assert.ok(!fs.readFileSync(file, 'utf8').includes('--no-cache-dir'), 'the disk is untouched');
  });

  it('offers quick-fixes with exact edits, the preferred one first, and none for a stale version', async () => {
    const file = path.join(root, 'requirements.txt');
    const diag = await client.waitFor('reqs/unpinned', () => client.diagnosticsOf(file).find((d) => d.code === 'reqs/unpinned'));
    const actions = await client.codeActions(file, diag.range, [diag]);
    assert.strictEqual(actions.length, 1);
    assert.deepStrictEqual([actions[0].title, actions[0].kind, actions[0].isPreferred], ['Pin to ==2.2.2', 'quickfix', true]);
    assert.strictEqual(apply(REPO['requirements.txt'], editsFor(actions[0], file)), 'pandas==2.2.2\nnumpy==1.26.4\n');
    await client.open(file, REPO['requirements.txt']);
    const opened = await client.waitFor('diagnostics of the open document', () => {
      const p = client.diagnostics.get(uriOf(file));
      return p?.version === 1 ? p.diagnostics.find((d) => d.code === 'reqs/unpinned') : undefined;
    });
    await client.change(file, 2, 'pandas>=2\nnumpy==1.26.4\n# edited\n');
    assert.deepStrictEqual(await client.codeActions(file, opened.range, [opened]), [], 'fixes of version 1 are refused at version 2');
  });

  it('source.fixAll.mlmaturity applies every safe fix of the file at once', async () => {
    const file = path.join(root, '.github/workflows/ci.yml');
    await client.waitFor('workflow diagnostics', () => client.diagnosticsOf(file).find((d) => d.code === 'gha/no-timeout'));
    const actions = await client.codeActions(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.mlmaturity']);
    assert.strictEqual(actions.length, 1);
    assert.strictEqual(actions[0].kind, 'source.fixAll.mlmaturity');
    assert.strictEqual(apply(REPO['.github/workflows/ci.yml'], editsFor(actions[0], file)), REPO['.github/workflows/ci.yml'] + '    timeout-minutes: 60\n');
  });

  it('hover on a diagnostic explains the rule and links its docs', async () => {
    const file = path.join(root, 'Dockerfile');
    await client.waitFor('Dockerfile diagnostics', () => client.diagnosticsOf(file).find((d) => d.code === 'docker/pip-cache'));
    const hover = await client.hover(file, 1, 10);
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /\*\*pip install keeps its cache in the image\*\* `docker\/pip-cache`/);
    assert.match(value, /\[Rule documentation\]\(file:\/\/.*docker-pip-cache\.md\)/);
    assert.strictEqual(await client.hover(file, 0, 0).then((h) => h?.contents && (h.contents as { value: string }).value.includes('docker/pip-cache')), false);
  });

  it('watched-file changes update findings and score without a reload', async () => {
    const first = await client.nextScore(root, 0);
    await client.waitFor('quality.precommit finding', () => client.diagnosticsOf(path.join(root, 'README.md')).find((d) => d.code === 'quality.precommit') ?? [...client.diagnostics.values()].flatMap((p) => p.diagnostics).find((d) => d.code === 'quality.precommit'));
    const count = client.scores.length;
    fs.writeFileSync(path.join(root, '.pre-commit-config.yaml'), 'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.5.0\n    hooks:\n      - id: ruff\n');
    await client.watched(path.join(root, '.pre-commit-config.yaml'), FileChangeType.Created);
    const second = await client.nextScore(root, count);
    assert.ok(second.score > first.score, `${second.score} > ${first.score}`);
    assert.ok(![...client.diagnostics.values()].some((p) => p.diagnostics.some((d) => d.code === 'quality.precommit')), 'the finding is cleared');
    const before = client.scores.length;
    fs.rmSync(path.join(root, '.github'), { recursive: true });
    await client.watched(path.join(root, '.github/workflows/ci.yml'), FileChangeType.Deleted);
    const third = await client.nextScore(root, before);
    assert.ok(third.score < second.score);
    assert.deepStrictEqual(client.diagnosticsOf(path.join(root, '.github/workflows/ci.yml')), [], 'diagnostics of a deleted file are cleared');
  });

  it('settings are pulled per folder and refreshed on didChangeConfiguration', async () => {
    const file = path.join(root, 'requirements.txt');
    await client.waitFor('reqs/unpinned', () => client.diagnosticsOf(file).find((d) => d.code === 'reqs/unpinned'));
    await client.nextScore(root, 0);
    client.settings[uriOf(root)] = { rules: { 'reqs/unpinned': 'off' }, targetLevel: 4 };
    const count = client.scores.length;
    await client.configurationChanged();
    const score = await client.nextScore(root, count);
    assert.strictEqual(score.targetLevel, 4);
    assert.deepStrictEqual(client.diagnosticsOf(file).filter((d) => d.code === 'reqs/unpinned'), []);
  });

  it('answers the report request with every practice and its evidence', async () => {
    await client.nextScore(root, 0);
    const report = await client.conn.sendRequest(ReportRequest.type, { uri: uriOf(path.join(root, 'README.md')) });
    assert.ok(report);
    assert.strictEqual(report.practices.length, 29);
    const readme = report.practices.find((p) => p.id === 'docs.readme');
    assert.deepStrictEqual([readme?.verdict, readme?.evidence[0].uri], ['met', uriOf(path.join(root, 'README.md'))]);
  });

  it("runs Node's and V8's helper threads at the lowest priority, its main thread at its own", async function () {
    if (process.platform !== 'linux') this.skip();
    await client.nextScore(root, 0);
    const { main, helpers } = helperNice(client.proc.pid!);
    assert.ok(helpers.length > 0, 'no helper threads to look at');
    assert.deepStrictEqual({ main, helpers }, { main: os.getPriority(), helpers: helpers.map(() => 19) });
  });

  it('shuts down and exits with code 0', async () => {
    await client.nextScore(root, 0);
    assert.strictEqual(await client.stop(), 0);
  });
});

describe('language server: multi-root and trust', function () {
  this.timeout(30000);

  it('analyses each folder with its own config', async () => {
    const a = makeRepo({ '.mlmaturity.yml': 'targetLevel: 1\n', 'README.md': '# A\n\ntext\n' });
    const b = makeRepo({ '.mlmaturity.yml': 'targetLevel: 3\n', 'README.md': '# B\n\ntext\n' });
    const client = await TestClient.start([a, b]);
    try {
      const [sa, sb] = await Promise.all([client.nextScore(a, 0), client.nextScore(b, 0)]);
      assert.deepStrictEqual([sa.targetLevel, sb.targetLevel], [1, 3]);
      const severityOf = (root: string) => [...client.diagnostics.entries()].filter(([uri]) => uri.startsWith(uriOf(root) + '/')).flatMap(([, p]) => p.diagnostics).find((d) => d.code === 'data.versioned')?.severity;
      assert.deepStrictEqual([severityOf(a), severityOf(b)], [3, 2], 'information above target 1, a warning within target 3');
    } finally {
      client.kill();
      removeRepo(a);
      removeRepo(b);
    }
  });

  it('does not load custom rule folders in an untrusted workspace', async () => {
    const rule = JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', rule: { id: 'team/no-readme', title: 'x', severity: 'error', level: 1, target: { kinds: ['readme'] }, message: 'custom rule ran', rationale: 'only to test that it is not loaded' }, not: {} });
    const root = makeRepo({ '.mlmaturity.yml': 'ruleFolders: [rules]\n', 'rules/r.json': rule, 'README.md': '# x\n\ntext\n' });
    const client = await TestClient.start([root], { trusted: false });
    try {
      await client.nextScore(root, 0);
      assert.ok(![...client.diagnostics.values()].some((p) => p.diagnostics.some((d) => d.code === 'team/no-readme')));
    } finally {
      client.kill();
      removeRepo(root);
    }
  });
});

describe('language server: bursts of edits', function () {
  this.timeout(30000);

  it('a burst of edits leaves diagnostics for the last version only, matching its text', async () => {
    const root = makeRepo({ Dockerfile: 'FROM python:3.11\nUSER app\n' });
    const client = await TestClient.start([root]);
    try {
      const file = path.join(root, 'Dockerfile');
      await client.nextScore(root, 0);
      await client.open(file, 'FROM python:3.11\nUSER app\n', 'dockerfile');
      // Odd versions cache pip, even ones do not; the last (20) does not.
      for (let v = 2; v <= 20; v++) {
        await client.change(file, v, v % 2 ? 'FROM python:3.11\nRUN pip install x\nUSER app\n' : 'FROM python:3.11\nRUN pip install --no-cache-dir x\nUSER app\n');
      }
      const last = await client.waitFor('diagnostics of version 20', () => (client.diagnostics.get(uriOf(file))?.version === 20 ? client.diagnostics.get(uriOf(file)) : undefined));
      assert.deepStrictEqual(last.diagnostics.filter((d) => d.code === 'docker/pip-cache'), []);
      await client.change(file, 21, 'FROM python:3.11\nRUN pip install x\nUSER app\n');
      const next = await client.waitFor('diagnostics of version 21', () => (client.diagnostics.get(uriOf(file))?.version === 21 ? client.diagnostics.get(uriOf(file)) : undefined));
      assert.strictEqual(next.diagnostics.filter((d) => d.code === 'docker/pip-cache').length, 1);
      assert.ok(![...client.diagnostics.values()].some((p) => p.uri === uriOf(file) && (p.version ?? 0) > 21), 'no result from the future');
    } finally {
      client.kill();
      removeRepo(root);
    }
  });
});
