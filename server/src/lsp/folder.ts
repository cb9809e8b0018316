import * as path from 'path';
import { fileURLToPath } from 'url';
import type { Diagnostic } from 'vscode-languageserver';
import { analyzeProject, AnalysisError, type AnalysisResult } from '../core/engine';
import type { FolderScore, Settings } from '../protocol';
import { diagnosticsByUri, toFolderScore } from './convert';

export interface FolderHost {
  publish(uri: string, diagnostics: Diagnostic[], version?: number): void;
  score(score: FolderScore): void;
  /** Text and version of the open documents (in-memory text wins over the disk). */
  openDocuments(): { uri: string; text: string; version: number }[];
  settings(folderUri: string): Promise<Settings>;
  trusted(): boolean;
  log(message: string): void;
}

/**
 * One workspace folder: its own config and settings, one analysis at a time, later requests
 * superseding earlier ones. Results of a superseded analysis are dropped, never published.
 */
export class FolderAnalyzer {
  readonly root: string;
  readonly name: string;
  result?: AnalysisResult;
  /** Document versions the current diagnostics were computed from. */
  private versions = new Map<string, number>();
  private published = new Set<string>();
  private generation = 0;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private controller?: AbortController;
  private readonly reportedFailures = new Set<string>();
  private waiters: (() => void)[] = [];

  constructor(readonly uri: string, private readonly host: FolderHost) {
    this.root = fileURLToPath(uri);
    this.name = path.basename(this.root);
  }

  contains(uri: string): boolean {
    if (!uri.startsWith('file:')) return false;
    const file = fileURLToPath(uri);
    return file === this.root || file.startsWith(this.root + path.sep);
  }

  /** Analyse after `delayMs` of quiet; a newer request supersedes this one. */
  schedule(delayMs: number): Promise<void> {
    clearTimeout(this.timer);
    this.generation++;
    this.controller?.abort();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.timer = setTimeout(() => void this.run(), delayMs);
    return done;
  }

  private async run(): Promise<void> {
    const generation = this.generation;
    if (this.running) await this.running.catch(() => undefined);
    if (generation !== this.generation) return;
    const controller = new AbortController();
    this.controller = controller;
    this.running = this.analyze(generation, controller.signal);
    await this.running;
  }

  private async analyze(generation: number, signal: AbortSignal): Promise<void> {
    const settings = await this.host.settings(this.uri);
    if (generation !== this.generation) return;
    if (!settings.enable) {
      this.clear();
      this.host.score({ ...emptyScore(this.uri, this.name), state: 'disabled' });
      return this.settle(generation);
    }
    this.host.score({ ...(this.result ? toFolderScore(this.uri, this.name, this.result) : emptyScore(this.uri, this.name)), state: 'analysing' });
    const overlays = new Map<string, string>();
    const versions = new Map<string, number>();
    for (const doc of this.host.openDocuments()) {
      if (!this.contains(doc.uri)) continue;
      overlays.set(path.relative(this.root, fileURLToPath(doc.uri)).split(path.sep).join('/'), doc.text);
      versions.set(doc.uri, doc.version);
    }
    try {
      const result = await analyzeProject(this.root, {
        overlays, signal, customRules: this.host.trusted(),
        overrides: { ...(settings.targetLevel !== null ? { targetLevel: settings.targetLevel } : {}), rules: settings.rules, exclude: settings.exclude },
      });
      if (generation !== this.generation) return;
      this.result = result;
      this.versions = versions;
      for (const failure of result.ruleFailures) {
        if (this.reportedFailures.has(failure.rule)) continue;
        this.reportedFailures.add(failure.rule);
        this.host.log(`Rule ${failure.rule} failed and was skipped: ${failure.error}`);
      }
      const byUri = diagnosticsByUri(result, versions);
      for (const uri of this.published) if (!byUri.has(uri)) this.host.publish(uri, [], versions.get(uri));
      for (const [uri, diagnostics] of byUri) this.host.publish(uri, diagnostics, versions.get(uri));
      this.published = new Set(byUri.keys());
      this.host.score(toFolderScore(this.uri, this.name, result));
    } catch (err) {
      if (generation !== this.generation) return;
      const message = err instanceof AnalysisError ? err.message : (err as Error).stack ?? String(err);
      this.host.log(`Analysis of ${this.root} failed: ${message}`);
      this.host.score({ ...emptyScore(this.uri, this.name), state: 'error', error: err instanceof Error ? err.message : String(err) });
    }
    this.settle(generation);
  }

  private settle(generation: number): void {
    if (generation !== this.generation) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** The version a document had when the current diagnostics were made. */
  versionOf(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  clear(): void {
    for (const uri of this.published) this.host.publish(uri, []);
    this.published.clear();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.controller?.abort();
    this.generation++;
    this.clear();
  }
}

export function emptyScore(folderUri: string, folderName: string): FolderScore {
  return {
    folderUri, folderName, state: 'analysing', score: 0, level: 0, levelName: 'Ad hoc', targetLevel: 2,
    levels: [], categories: [], nextSteps: [], findings: { errors: 0, warnings: 0, infos: 0, hints: 0 }, durationMs: 0,
  };
}
