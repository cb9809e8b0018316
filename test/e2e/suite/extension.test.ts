import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { MaturityApi } from '../../../client/src/extension';

const EXTENSION_ID = 'ml-maturity.ml-maturity';

/** Resolves when `check` returns a value, re-checking whenever one of `events` fires; fails after `timeoutMs`. */
function waitFor<T>(what: string, check: () => T | undefined, events: vscode.Event<unknown>[], timeoutMs = 30000): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = (fn: () => void) => {
      clearTimeout(timer);
      subscriptions.forEach((s) => s.dispose());
      fn();
    };
    const timer = setTimeout(() => done(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    const attempt = () => {
      const value = check();
      if (value !== undefined) done(() => resolve(value));
    };
    for (const event of events) subscriptions.push(event(attempt));
    attempt();
  });
}

/** Asks the launcher for a screenshot of the workbench and waits until it is taken. */
async function screenshot(name: string): Promise<void> {
  const dir = process.env.MLM_E2E_SCREENSHOTS;
  if (!dir) return;
  const done = path.join(dir, `${name}.done`);
  const taken = new Promise<void>((resolve) => {
    const watcher = fs.watch(dir, () => {
      if (fs.existsSync(done)) {
        watcher.close();
        resolve();
      }
    });
  });
  console.log(`[screenshot] ${name}`);
  await Promise.race([taken, new Promise<void>((resolve) => setTimeout(resolve, 20000).unref())]);
}

function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

describe('ML Maturity in a real VS Code extension host', () => {
  let api: MaturityApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<MaturityApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await ext.activate();
    await api.whenReady();
  });

  it('shows the score and level of the workspace in the status bar', async () => {
    const text = await waitFor('a score in the status bar', () => (/^ML L\d · \d+$/.test(api.statusText()) ? api.statusText() : undefined), [api.onDidChangeScore]);
    assert.match(text, /^ML L\d · \d+$/);
  });

  it('publishes diagnostics for files that were never opened', async () => {
    const uri = workspaceFile('requirements.txt');
    const diag = await waitFor('reqs/unpinned on requirements.txt', () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'reqs/unpinned'), [vscode.languages.onDidChangeDiagnostics]);
    assert.deepStrictEqual([diag.range.start.line, diag.range.start.character, diag.range.end.line, diag.range.end.character], [0, 0, 0, 9]);
    assert.strictEqual(diag.source, 'ML Maturity');
  });

  it('fixes a problem with a quick-fix, and the score goes up', async () => {
    const before = api.scores()[0].score;
    const uri = workspaceFile('requirements.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diag = await waitFor('reqs/unpinned', () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'reqs/unpinned'), [vscode.languages.onDidChangeDiagnostics]);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const pin = actions.find((a) => a.title === 'Pin to ==2.2.2');
    assert.ok(pin?.edit, `a pin quick-fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(pin.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(pin.edit));
    assert.strictEqual(doc.getText(), 'pandas==2.2.2\nnumpy==1.26.4\nscikit-learn==1.5.0\n');
    await waitFor('reqs/unpinned to go away', () => (vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'reqs/unpinned') ? undefined : true), [vscode.languages.onDidChangeDiagnostics]);
    const after = await waitFor('a higher score', () => (api.scores()[0].state === 'ready' && api.scores()[0].score > before ? api.scores()[0].score : undefined), [vscode.languages.onDidChangeDiagnostics, api.onDidChangeScore]);
    assert.ok(after > before, `${after} > ${before}`);
    await doc.save();
  });

  it('fix-all applies the safe fixes of a file', async () => {
    const uri = workspaceFile('Dockerfile');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor('docker/pip-cache', () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'docker/pip-cache'), [vscode.languages.onDidChangeDiagnostics]);
    await vscode.commands.executeCommand('mlmaturity.fixAll');
    assert.strictEqual(doc.getText(), 'FROM python:3.11-slim\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY src/ /app/src/\nUSER app\n');
  });

  it('restarts a language server that dies, and the status bar recovers', async () => {
    const pid = await api.serverPid();
    assert.ok(pid, 'the server reports its pid');
    const before = api.clientStates().length;
    process.kill(pid, 'SIGKILL');
    const score = await waitFor('a score from the restarted server', () => (api.clientStates().slice(before).includes('Running') && api.scores()[0]?.state === 'ready' && /^ML L\d · \d+$/.test(api.statusText()) ? api.statusText() : undefined), [api.onDidChangeScore], 60000);
    assert.match(score, /^ML L\d · \d+$/);
    const after = await api.serverPid();
    assert.ok(after && after !== pid, `a new server process (${pid} -> ${after})`);
  });

  it('opens the report', async () => {
    await waitFor('analysis to settle', () => (api.scores()[0]?.state === 'ready' ? true : undefined), [api.onDidChangeScore]);
    const painted = new Promise<void>((resolve) => {
      const sub = api.onDidRenderReport(() => {
        sub.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('mlmaturity.showReport');
    assert.strictEqual(api.reportVisible(), true);
    await Promise.race([painted, new Promise<void>((_, reject) => setTimeout(() => reject(new Error('the report did not render in 30 s')), 30000).unref())]);
    await screenshot('report');
  });
});

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}
