import {
  CodeActionKind, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, ProposedFeatures,
  TextDocuments, TextDocumentSyncKind, type Diagnostic, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import v8 = require('v8');
import {
  FIX_ALL_KIND, ReanalyzeRequest, ReportRequest, ScoreNotification, ServerInfoRequest, TrustNotification,
  type InitializationOptions, type Settings,
} from '../protocol';
import { productVersion } from '../core/catalog';
import { fixAllAction, hoverFor, quickFixes, wantsKind } from './actions';
import { toFolderReport, toFolderScore } from './convert';
import { FolderAnalyzer, type FolderHost } from './folder';
import { lowerHelperThreads } from '../threads';

// A long-lived, mostly idle process: the heap may grow to twice what is live before a full collection,
// not V8's default of up to four times, which took a 20,000-file workspace past 200 MB in bursts of
// edits (bench/results). Set here rather than on the command line: an unknown flag only warns.
v8.setFlagsFromString('--heap-growing-percent=100');
lowerHelperThreads();

const DEFAULT_SETTINGS: Settings = { enable: true, targetLevel: null, rules: {}, exclude: [] };

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const diagnostics = new Map<string, Diagnostic[]>();
let folders: FolderAnalyzer[] = [];
let trusted = true;
let configurationSupported = false;
let watchRegistrationSupported = false;

const host: FolderHost = {
  publish(uri, list, version) {
    diagnostics.set(uri, list);
    void connection.sendDiagnostics({ uri, diagnostics: list, ...(version !== undefined ? { version } : {}) });
  },
  score(score) {
    void connection.sendNotification(ScoreNotification.type, score);
  },
  async settings(folderUri) {
    if (!configurationSupported) return DEFAULT_SETTINGS;
    const value = (await connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'mlmaturity' })) as Partial<Settings> | null;
    return normaliseSettings(value ?? {});
  },
  trusted: () => trusted,
  log: (message) => connection.console.error(message),
};

function normaliseSettings(s: Partial<Settings>): Settings {
  return {
    enable: s.enable !== false,
    targetLevel: typeof s.targetLevel === 'number' && s.targetLevel >= 0 && s.targetLevel <= 4 ? Math.floor(s.targetLevel) : null,
    rules: s.rules && typeof s.rules === 'object' ? s.rules : {},
    exclude: Array.isArray(s.exclude) ? s.exclude.filter((e): e is string => typeof e === 'string') : [],
  };
}

function folderOf(uri: string): FolderAnalyzer | undefined {
  // The innermost folder wins in nested multi-root setups.
  return folders.filter((f) => f.contains(uri)).sort((a, b) => b.root.length - a.root.length)[0];
}

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
  trusted = options.trusted !== false;
  configurationSupported = !!params.capabilities.workspace?.configuration;
  watchRegistrationSupported = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  folders = roots.map((uri) => new FolderAnalyzer(uri, host));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'ML Maturity' },
  };
});

connection.onInitialized(() => {
  if (configurationSupported) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mlmaturity' });
  if (watchRegistrationSupported) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    for (const removed of event.removed) {
      folders.find((f) => f.uri === removed.uri)?.dispose();
      folders = folders.filter((f) => f.uri !== removed.uri);
    }
    for (const added of event.added) {
      const folder = new FolderAnalyzer(added.uri, host);
      folders.push(folder);
      for (const doc of documents.all()) if (folder.contains(doc.uri)) void folder.documentChanged(doc.uri, doc.getText(), doc.version);
      void folder.request();
    }
  });
  for (const folder of folders) void folder.request();
});

documents.onDidChangeContent((event) => void folderOf(event.document.uri)?.documentChanged(event.document.uri, event.document.getText(), event.document.version));
documents.onDidClose((event) => void folderOf(event.document.uri)?.documentChanged(event.document.uri, undefined, undefined));

connection.onDidChangeWatchedFiles((params) => {
  const byFolder = new Map<FolderAnalyzer, { uris: string[]; structural: boolean }>();
  for (const change of params.changes) {
    const folder = folderOf(change.uri);
    if (!folder) continue;
    const entry = byFolder.get(folder) ?? { uris: [], structural: false };
    entry.uris.push(change.uri);
    // Created or deleted files change what the tree holds; a change keeps the tree as it is.
    if (change.type !== FileChangeType.Changed) entry.structural = true;
    byFolder.set(folder, entry);
  }
  for (const [folder, { uris, structural }] of byFolder) void folder.filesChanged(uris, structural);
});

connection.onDidChangeConfiguration(() => {
  for (const folder of folders) void folder.configurationChanged();
});

connection.onCodeAction((params) => {
  const uri = params.textDocument.uri;
  const doc = documents.get(uri);
  const folder = folderOf(uri);
  const only = params.context.only;
  const resolve = (d: Diagnostic) => folder?.fixesFor(uri, d) ?? [];
  const actions = wantsKind(only, CodeActionKind.QuickFix) ? quickFixes(params.context.diagnostics, doc?.version, resolve) : [];
  if (wantsKind(only, FIX_ALL_KIND) && (only?.length ?? 0) > 0) {
    // Fix-all only on request, and only when the diagnostics are of the text the editor has now.
    const current = folder?.versionOf(uri);
    if (!doc || current === doc.version) {
      const all = fixAllAction(uri, diagnostics.get(uri) ?? [], resolve);
      if (all) actions.push(all);
    }
  }
  return actions;
});

connection.onHover((params) => hoverFor(diagnostics.get(params.textDocument.uri) ?? [], params.position));

connection.onRequest(ReportRequest.type, (params) => {
  const folder = (params.uri ? folderOf(params.uri) : undefined) ?? folders[0];
  if (!folder?.result) return null;
  return toFolderReport(toFolderScore(folder.uri, folder.name, folder.result), folder.result);
});

connection.onRequest(ReanalyzeRequest.type, async () => {
  await Promise.all(folders.map((f) => f.reanalyze()));
});

connection.onRequest(ServerInfoRequest.type, () => ({ pid: process.pid, version: productVersion() }));

connection.onNotification(TrustNotification.type, (params) => {
  trusted = params.trusted;
  for (const folder of folders) void folder.configurationChanged();
});

connection.onShutdown(() => {
  for (const folder of folders) folder.dispose();
});

documents.listen(connection);
connection.listen();
