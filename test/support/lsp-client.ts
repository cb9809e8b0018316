import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import {
  CodeActionRequest, createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification,
  HoverRequest, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest,
  StreamMessageReader, StreamMessageWriter, type CodeAction, type Diagnostic, type FileChangeType, type ProtocolConnection,
  type PublishDiagnosticsParams, type Range,
} from 'vscode-languageserver-protocol/node';
import { SERVER_EXEC_ARGV, ScoreNotification, type FolderScore, type Settings } from '../../server/src/protocol';

const SERVER = path.join(__dirname, '..', '..', '..', 'dist', 'server.js');

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

/** A real JSON-RPC client for the bundled server, as an editor would be. Waits are on events, with timeouts. */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly scores: FolderScore[] = [];
  readonly logs: string[] = [];
  settings: Record<string, Partial<Settings>> = {};
  private waiters: Waiter[] = [];
  private constructor(readonly proc: ChildProcess, readonly conn: ProtocolConnection) {}

  static async start(folders: string[], options: { trusted?: boolean; settings?: Record<string, Partial<Settings>> } = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [...SERVER_EXEC_ARGV, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestClient(proc, conn);
    client.settings = options.settings ?? {};
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.set(p.uri, p);
      client.poke();
    });
    conn.onNotification(ScoreNotification.type, (s) => {
      client.scores.push(s);
      client.poke();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => client.logs.push(p.message));
    conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) => p.items.map((i) => ({ enable: true, targetLevel: null, rules: {}, exclude: [], ...(client.settings[i.scopeUri ?? ''] ?? {}) })));
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { trusted: options.trusted !== false },
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private poke(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves when `predicate` holds (checked now and after every message), or fails after `timeoutMs`. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs = 15000): Promise<T> {
    return new Promise((resolve, reject) => {
      let value: T | undefined | false;
      const check = () => (value = predicate()) !== undefined && value !== false;
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter: Waiter = { check, resolve: () => { clearTimeout(timer); resolve(value as T); } };
      if (check()) {
        clearTimeout(timer);
        resolve(value as T);
      } else this.waiters.push(waiter);
    });
  }

  /** The next score notification for a folder in state `ready`, after `after` notifications. */
  nextScore(folder: string, after = this.scores.length): Promise<FolderScore> {
    return this.waitFor(`a score for ${folder}`, () => this.scores.slice(after).find((s) => s.folderUri === uriOf(folder) && s.state === 'ready'));
  }

  diagnosticsOf(file: string): Diagnostic[] {
    return this.diagnostics.get(uriOf(file))?.diagnostics ?? [];
  }

  open(file: string, text: string, languageId = 'plaintext'): Promise<void> {
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(file), languageId, version: 1, text } });
  }

  change(file: string, version: number, text: string): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uriOf(file), version }, contentChanges: [{ text }] });
  }

  close(file: string): Promise<void> {
    return this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(file) } });
  }

  watched(file: string, type: FileChangeType): Promise<void> {
    return this.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file), type }] });
  }

  configurationChanged(): Promise<void> {
    return this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async codeActions(file: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await this.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(file) }, range, context: { diagnostics, ...(only ? { only } : {}) } });
    return (result ?? []) as CodeAction[];
  }

  hover(file: string, line: number, character: number) {
    return this.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(file) }, position: { line, character } });
  }

  /** shutdown, exit, and the process's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.proc.once('exit', (code) => resolve(code)));
    await this.conn.sendRequest(ShutdownRequest.type);
    await this.conn.sendNotification(ExitNotification.type);
    const code = await exited;
    this.conn.dispose();
    return code;
  }

  kill(): void {
    this.proc.kill();
  }
}

export function uriOf(file: string): string {
  return require('url').pathToFileURL(file).href;
}
