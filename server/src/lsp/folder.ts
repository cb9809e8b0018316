import path = require('path');
import { fileURLToPath } from 'url';
import type { Diagnostic } from 'vscode-languageserver';
import { AnalysisError, type AnalysisResult } from '../core/engine';
import { ProjectSession } from '../core/session';
import { sameItems } from '../core/findings';
import type { FolderScore, Settings } from '../protocol';
import { sameRange } from '../core/text';
import type { Finding } from '../core/types';
import type { FixEdit } from './actions';
import { fileUri, toDiagnostic, toFolderScore } from './convert';

const keys = new WeakMap<Finding, string>();
const BUSY_AFTER_MS = 150;

/** What a client sees of a finding: if this is equal, so is its diagnostic. Cached findings keep their key. */
function findingKey(f: Finding): string {
  let key = keys.get(f);
  if (key === undefined) keys.set(f, (key = computeKey(f)));
  return key;
}

function computeKey(f: Finding): string {
  const r = f.range;
  const fixes = f.fixes?.map((x) => `${x.title}:${x.safe}`).join('|') ?? '';
  return `${f.ruleId}|${f.severity}|${r.start.line}.${r.start.character}-${r.end.line}.${r.end.character}|${f.message}|${fixes}`;
}

export interface FolderHost {
  publish(uri: string, diagnostics: Diagnostic[], version?: number): void;
  score(score: FolderScore): void;
  settings(folderUri: string): Promise<Settings>;
  trusted(): boolean;
  log(message: string): void;
}

/**
 * One workspace folder: a session with its own config and settings. Work is never queued twice:
 * a request while an analysis runs marks it dirty, and one more analysis follows with the latest
 * state, so superseded intermediate states are skipped rather than published.
 */
export class FolderAnalyzer {
  readonly root: string;
  readonly name: string;
  result?: AnalysisResult;
  private readonly session: ProjectSession;
  private settings?: Settings;
  /** Versions of the open documents of this folder, as the editor numbered them. */
  private readonly docVersions = new Map<string, number>();
  private analyzedVersions = new Map<string, number>();
  /** Last published diagnostics by URI, as JSON, to publish only what changed. */
  private published = new Map<string, string>();
  /** The findings of the last analysis by URI, whose fixes code actions compute. */
  private findings = new Map<string, readonly Finding[]>();
  private running = false;
  private dirty = false;
  private waiters: (() => void)[] = [];
  private disposed = false;
  private readonly reportedFailures = new Set<string>();

  constructor(readonly uri: string, private readonly host: FolderHost) {
    this.root = fileURLToPath(uri);
    this.name = path.basename(this.root);
    this.session = new ProjectSession(this.root, { customRules: host.trusted() });
  }

  contains(uri: string): boolean {
    if (!uri.startsWith('file:')) return false;
    const file = fileURLToPath(uri);
    return file === this.root || file.startsWith(this.root + path.sep);
  }

  private rel(uri: string): string {
    return path.relative(this.root, fileURLToPath(uri)).split(path.sep).join('/');
  }

  /** An open document's text changed (undefined: it closed). */
  documentChanged(uri: string, text: string | undefined, version: number | undefined): Promise<void> {
    this.session.setOverlay(this.rel(uri), text);
    if (version === undefined) this.docVersions.delete(uri);
    else this.docVersions.set(uri, version);
    return this.request();
  }

  filesChanged(uris: string[], cameOrWent: boolean): Promise<void> {
    this.session.diskChanged(uris.map((u) => this.rel(u)), cameOrWent);
    return this.request();
  }

  /** Start over from the disk: a full scan, settings read again. */
  reanalyze(): Promise<void> {
    this.session.rescanAll();
    return this.configurationChanged();
  }

  /** Settings or trust changed: read them again. */
  configurationChanged(): Promise<void> {
    this.settings = undefined;
    return this.request();
  }

  /** Analyse now, or right after the analysis in progress; resolves when the state of this call has been analysed. */
  request(): Promise<void> {
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.running) this.dirty = true;
    else void this.loop();
    return done;
  }

  private async loop(): Promise<void> {
    this.running = true;
    do {
      this.dirty = false;
      const waiters = this.waiters;
      this.waiters = [];
      await this.analyze();
      for (const w of waiters) w();
    } while (this.dirty && !this.disposed);
    this.running = false;
  }

  private async analyze(): Promise<void> {
    if (this.disposed) return;
    if (!this.settings) {
      this.settings = await this.host.settings(this.uri);
      const s = this.settings;
      this.session.setOptions({
        customRules: this.host.trusted(),
        overrides: { ...(s.targetLevel !== null ? { targetLevel: s.targetLevel } : {}), rules: s.rules, exclude: s.exclude },
      });
    }
    if (!this.settings.enable) {
      this.clear();
      this.host.score({ ...emptyScore(this.uri, this.name), state: 'disabled' });
      return;
    }
    const versions = new Map(this.docVersions);
    // Busy only when it shows: an edit analysed in a few milliseconds should not make the status bar blink.
    const busy = setTimeout(() => this.host.score({ ...(this.result ? toFolderScore(this.uri, this.name, this.result) : emptyScore(this.uri, this.name)), state: 'analysing' }), this.result ? BUSY_AFTER_MS : 0);
    try {
      const result = await this.session.analyze();
      clearTimeout(busy);
      if (this.disposed) return;
      this.result = result;
      this.analyzedVersions = versions;
      for (const failure of result.ruleFailures) {
        if (this.reportedFailures.has(failure.rule)) continue;
        this.reportedFailures.add(failure.rule);
        this.host.log(`Rule ${failure.rule} failed and was skipped: ${failure.error}`);
      }
      // Findings by file, compared by a cheap key: only files whose findings changed are converted and sent.
      const next = new Map<string, string>();
      const previous = this.findings;
      this.findings = new Map();
      // forEach, not `of`: no entry pair per file on every edit.
      result.findingsByFile.forEach((findings, file) => {
        const uri = this.uriOf(file);
        this.findings.set(uri, findings);
        // The same finding objects as last time (a file not re-evaluated): the same key, not built again.
        const same = sameItems(previous.get(uri), findings);
        const key = same ? this.published.get(uri) ?? '' : findings.map(findingKey).join('\n');
        next.set(uri, key);
        if (this.published.get(uri) !== key || versions.has(uri)) {
          this.host.publish(uri, findings.map((f) => toDiagnostic(f, versions.get(uri) ?? null)), versions.get(uri));
        }
      });
      this.published.forEach((_, uri) => {
        if (!next.has(uri)) this.host.publish(uri, [], versions.get(uri));
      });
      // An open document hears about every version it was analysed at, even with nothing to say.
      for (const [uri, version] of versions) if (!next.has(uri) && !this.published.has(uri)) this.host.publish(uri, [], version);
      this.published = next;
      this.host.score(toFolderScore(this.uri, this.name, result));
    } catch (err) {
      clearTimeout(busy);
      if (this.disposed) return;
      const message = err instanceof AnalysisError ? err.message : (err as Error).stack ?? String(err);
      this.host.log(`Analysis of ${this.root} failed: ${message}`);
      this.host.score({ ...emptyScore(this.uri, this.name), state: 'error', error: err instanceof Error ? err.message : String(err) });
    }
  }

  private readonly uris = new Map<string, string>();

  private uriOf(rel: string): string {
    let uri = this.uris.get(rel);
    if (uri === undefined) this.uris.set(rel, (uri = fileUri(this.root, rel)));
    return uri;
  }

  /** The fixes of the finding behind a published diagnostic, with their edits; none once it is gone. */
  fixesFor(uri: string, diagnostic: Diagnostic): FixEdit[] {
    const finding = this.findings.get(uri)?.find((f) => f.ruleId === diagnostic.code && f.message === diagnostic.message && sameRange(f.range, diagnostic.range));
    return (finding?.fixes ?? [])
      .filter((fix) => fix.edits.length || fix.creates.length)
      .map((fix) => ({
        title: fix.title, safe: fix.safe, isPreferred: fix.isPreferred,
        edits: fix.edits.map((e) => ({ uri: this.uriOf(e.file), range: e.range, newText: e.newText })),
        creates: fix.creates.map((c) => ({ uri: this.uriOf(c.file), text: c.text })),
      }));
  }

  /** The version a document had when the current diagnostics were made. */
  versionOf(uri: string): number | undefined {
    return this.analyzedVersions.get(uri);
  }

  clear(): void {
    for (const uri of this.published.keys()) this.host.publish(uri, []);
    this.published.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
    for (const w of this.waiters) w();
    this.waiters = [];
  }
}

export function emptyScore(folderUri: string, folderName: string): FolderScore {
  return {
    folderUri, folderName, state: 'analysing', score: 0, level: 0, levelName: 'Ad hoc', targetLevel: 2,
    levels: [], categories: [], nextSteps: [], findings: { errors: 0, warnings: 0, infos: 0, hints: 0 }, durationMs: 0,
  };
}
