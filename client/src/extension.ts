import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  FIX_ALL_KIND, ReanalyzeRequest, ReportRequest, ScoreNotification, SERVER_EXEC_ARGV, ServerInfoRequest, TrustNotification,
  type FolderReport, type FolderScore, type InitializationOptions,
} from '../../server/src/protocol';
import { ReportPanel } from './report';
import { MaturityStatus } from './status';

const DEFAULT_CONFIG = `# ML Maturity configuration: https://github.com/ml-maturity/ml-maturity#configuration
# The level this project aims for (0-4). Practices above it are reported as information.
targetLevel: 2

# Severity per rule or practice id: off, hint, info, warning, error.
rules: {}

# Weight per practice, or off to leave it out of the score.
practices: {}

# Globs of files and folders not to analyse, on top of .gitignore.
exclude: []
`;

/** What the extension exposes to other extensions and to its end-to-end tests. */
export interface MaturityApi {
  statusText(): string;
  reportVisible(): boolean;
  scores(): FolderScore[];
  whenReady(): Promise<void>;
  onDidChangeScore: vscode.Event<FolderScore>;
  onDidRenderReport: vscode.Event<void>;
  /** The language server's process id, and the client states seen so far (Starting, Running, Stopped). */
  serverPid(): Promise<number | undefined>;
  clientStates(): string[];
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MaturityApi> {
  const status = new MaturityStatus();
  const scores = new Map<string, FolderScore>();
  const scoreChanged = new vscode.EventEmitter<FolderScore>();
  const stateLog: string[] = [];
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }],
    initializationOptions,
    diagnosticCollectionName: 'mlmaturity',
  };
  client = new LanguageClient('mlmaturity', 'ML Maturity', serverOptions, clientOptions);
  const report = new ReportPanel((folderUri) => requestReport(folderUri ?? status.current()?.folderUri));

  const requestReport = async (folderUri?: string): Promise<FolderReport | null> => (client ? client.sendRequest(ReportRequest.type, { uri: folderUri }) : null);

  context.subscriptions.push(
    status,
    report,
    scoreChanged,
    client.onDidChangeState((e) => {
      stateLog.push(State[e.newState]);
      if (e.newState === State.Stopped) status.setServerDown('stopped');
      else if (e.newState === State.Starting) status.setRestarting();
      else status.setServerDown(undefined);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => status.render()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TrustNotification.type, { trusted: true })),
    vscode.commands.registerCommand('mlmaturity.showReport', (folderUri?: string) => report.show(typeof folderUri === 'string' ? folderUri : status.current()?.folderUri)),
    vscode.commands.registerCommand('mlmaturity.reanalyze', () => client?.sendRequest(ReanalyzeRequest.type, {})),
    vscode.commands.registerCommand('mlmaturity.fixAll', fixAllInActiveFile),
    vscode.commands.registerCommand('mlmaturity.createConfig', createConfig),
    vscode.commands.registerCommand('mlmaturity.openRuleDocs', (ruleId?: string) => openRuleDocs(context, ruleId)),
  );

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  client.onNotification(ScoreNotification.type, (score) => {
    scores.set(score.folderUri, score);
    status.update(score);
    scoreChanged.fire(score);
    if (score.state === 'ready') {
      markReady();
      if (report.visible && (!report.folderUri || report.folderUri === score.folderUri)) void report.refresh();
    }
  });
  await client.start();

  return {
    statusText: () => status.item.text,
    reportVisible: () => report.visible,
    scores: () => [...scores.values()],
    whenReady: () => ready,
    onDidChangeScore: scoreChanged.event,
    onDidRenderReport: report.onDidRender,
    serverPid: async () => (client ? (await client.sendRequest(ServerInfoRequest.type, {})).pid : undefined),
    clientStates: () => [...stateLog],
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

async function fixAllInActiveFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, all, FIX_ALL_KIND);
  const fixAll = actions?.find((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
  if (fixAll?.edit) await vscode.workspace.applyEdit(fixAll.edit);
  else void vscode.window.showInformationMessage('ML Maturity: nothing to fix safely in this file.');
}

async function createConfig(): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('ML Maturity: open a folder first.');
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.mlmaturity.yml');
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(DEFAULT_CONFIG, 'utf8'));
  }
  await vscode.window.showTextDocument(uri);
}

async function openRuleDocs(context: vscode.ExtensionContext, ruleId?: string): Promise<void> {
  const dir = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  let id = ruleId;
  if (!id) {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    const ids = entries.map(([name]) => name.replace(/\.md$/, '')).sort();
    id = await vscode.window.showQuickPick(ids, { placeHolder: 'Rule or practice id' });
  }
  if (!id) return;
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(dir, `${id.replace(/\//g, '-')}.md`));
}
