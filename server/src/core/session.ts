import fs = require('fs');
import path = require('path');
import { CONFIG_FILES, loadConfig, type LoadedConfig, type MaturityConfig } from './config/config';
import { AnalysisError, type AnalysisResult, type AnalyzeOptions } from './analysis';
import { applySeverities, FindingsOrder, prependByFile, withoutRepeats } from './findings';
import { buildProjectModel, FactsCache } from './model/build';
import { ParseCache, ProjectFiles, type TextSource } from './model/files';
import { ReleasedTexts } from './model/released-texts';
import { knownVersions } from './model/versions';
import { evaluatePractices, practiceFindings } from './practices/evaluate';
import { scorePractices } from './practices/score';
import { evaluateRules } from './rules/evaluate';
import { RuleStore } from './rules/rule-cache';
import { builtinRules, loadCustomRules } from './rules/load';
import { ruleRegistry } from './rules/registry';
import type { LoadedRule } from './rules/types';
import { ArrivalReader, findGitAncestor, scanWorkspace, withArrivals, yieldToEventLoop, type Arrival, type ScanResult, type ScannedFile } from './scan/walk';
import { classify } from './scan/classify';
import { applySuppressions, suppressionCache, type SuppressionCache } from './suppress';
import { decodeText, stripBom } from './text';
import type { ProjectModel } from './model/types';
import type { Finding, PracticeResult } from './types';
import { ViewInputs } from './rules/view-inputs';

/** Kinds whose change can change the package versions pinning fixes use. */
const VERSION_KINDS = new Set(['lockfile', 'requirements']);
/** More paths than this came or went at once: a full scan instead of a look at each. */
const MAX_ARRIVALS = 64;

/**
 * One project folder kept in memory between analyses: its scan, texts, parses, per-file facts and
 * per-file rule results. An edit re-parses and re-evaluates the edited file and whatever reads it;
 * the rest comes from the caches. The CLI uses a session once; the language server keeps one per folder.
 */
export class ProjectSession {
  readonly root: string;
  private scan?: ScanResult;
  private disk = new Map<string, string>();
  /** Python files read, whose texts were let go once their facts were cached (read again when they change). */
  private readonly released = new ReleasedTexts((p) => this.readText(p));
  /** Texts read, or kept for a document that closed, since the last analysis: the Python ones go after it. */
  private readonly readSinceRelease = new Set<string>();
  /** Every text held was read since the last analysis (the first scan's): they are not listed one by one. */
  private allReadSinceRelease = false;
  private readonly overlays = new Map<string, string>();
  private readonly versions = new Map<string, number>();
  private nextVersion = 1;
  /** Counts the rescans and the refreshes of files changed on disk: sizes change only with those. */
  private sizesVersion = 0;
  private structureDirty = true;
  private readonly changedOnDisk = new Set<string>();
  /** Paths created or deleted since the last analysis: looked at one by one when they are few. */
  private readonly cameOrWent = new Set<string>();
  /** Walks of the whole tree so far: the first, and those a change could not be applied without. */
  fullScans = 0;
  private configDirty = true;
  private loaded?: LoadedConfig;
  private files?: ProjectFiles;
  private readonly parses = new ParseCache();
  private readonly facts: FactsCache;
  private readonly rules = new RuleStore();
  private readonly order = new FindingsOrder();
  private git?: { present: boolean; root?: string };
  private versionsCache?: { key: number; map: Map<string, string> };
  private verdicts?: { model: ProjectModel; settings: string; practices: PracticeResult[] };
  private versionsVersion = 0;
  private readonly suppressions: SuppressionCache = suppressionCache();
  private readonly viewInputs = new ViewInputs((p) => this.versionOf(p));
  /** Paths whose text changed since the last analysis. */
  private readonly touched = new Set<string>();
  private maxBytes = 5 * 1048576;
  // An open document is held to the same size cap as a file on disk: a 50 MB YAML is not parsed either way.
  private readonly texts: TextSource = {
    get: (p) => {
      // Asked about five times per file in an analysis; most sessions have no open document.
      if (!this.overlays.size) return this.disk.get(p);
      const overlay = this.overlays.get(p);
      return overlay !== undefined ? (overlay.length <= this.maxBytes ? overlay : undefined) : this.disk.get(p);
    },
    version: (p) => this.versionOf(p),
    released: (p) => this.released.summary(p),
  };

  /**
   * `once`: the session answers one analysis and goes (the CLI). It keeps nothing for a next
   * analysis (no per-file facts, model or rule results), and keeps the Python texts it read rather
   * than let go of thousands of them in a process about to end: 12-25 ms on the 20,000-file tree.
   */
  constructor(rootPath: string, private options: AnalyzeOptions = {}, private readonly use: 'kept' | 'once' = 'kept') {
    this.root = path.resolve(rootPath);
    this.facts = new FactsCache(use === 'kept');
    for (const [rel, text] of options.overlays ?? []) this.overlays.set(rel, text);
  }

  setOptions(options: Pick<AnalyzeOptions, 'overrides' | 'customRules'>): void {
    const excludeChanged = JSON.stringify(options.overrides?.exclude ?? []) !== JSON.stringify(this.options.overrides?.exclude ?? []);
    this.options = { ...this.options, ...options };
    this.configDirty = true;
    if (excludeChanged) this.structureDirty = true;
  }

  /** An open document's text (undefined when it closes and the disk speaks again). */
  setOverlay(rel: string, text: string | undefined): void {
    if (text === undefined) this.overlays.delete(rel);
    else this.overlays.set(rel, text);
    // Back to the disk for a file whose disk text was let go: read it again.
    if (text === undefined && this.released.has(rel)) this.changedOnDisk.add(rel);
    // A disk text kept while the document was open may go now.
    if (text === undefined && this.disk.has(rel)) this.readSinceRelease.add(rel);
    this.touch(rel);
  }

  /** Files changed on disk; `cameOrWent` when they, or folders, were created or deleted. */
  diskChanged(rels: string[], cameOrWent: boolean): void {
    if (rels.some((r) => r.endsWith('.gitignore'))) this.structureDirty = true;
    for (const rel of rels) {
      this.changedOnDisk.add(rel);
      if (cameOrWent) this.cameOrWent.add(rel);
      this.touch(rel);
    }
  }

  /** Start over from the disk: a full scan at the next analysis. */
  rescanAll(): void {
    this.structureDirty = true;
  }

  private touch(rel: string): void {
    this.versions.set(rel, this.nextVersion++);
    this.touched.add(rel);
    if (CONFIG_FILES.includes(rel) || rel === 'pyproject.toml') this.configDirty = true;
    if (VERSION_KINDS.has(classify(rel) ?? '')) this.versionsVersion++;
  }

  private versionOf(rel: string): number {
    return this.versions.get(rel) ?? 0;
  }

  /**
   * Python sources are by far the bulk of a repository's text, and only their per-file facts and
   * suppressions are used again, both cached by version: their texts need not stay in memory.
   * Only the texts read since the last analysis are looked at.
   */
  private releasePythonTexts(files: ProjectFiles): void {
    for (const p of this.allReadSinceRelease ? this.disk.keys() : this.readSinceRelease) {
      const kind = files.get(p)?.kind;
      if ((kind !== 'python' && kind !== 'notebook') || this.overlays.has(p) || !this.disk.has(p)) continue;
      this.disk.delete(p);
      this.released.add(p);
    }
    this.readSinceRelease.clear();
    this.allReadSinceRelease = false;
  }

  /** Remember every parse from now on, including those let go after an analysis (see `parsedFormats`). */
  recordParses(): void {
    this.parses.recordReleases();
  }

  /** Which files the analyses so far parsed, and how (all of them only after `recordParses`). */
  parsedFormats(): [string, string[]][] {
    return this.parses.parsedFormats();
  }

  async analyze(): Promise<AnalysisResult> {
    const started = Date.now();
    // Two file-system round trips: paid when the disk may have changed, not for an edit of an open document.
    if (!this.scan || this.structureDirty || this.configDirty || this.changedOnDisk.size) this.checkRoot();
    const { options } = this;
    if (this.configDirty || !this.loaded) {
      const before = this.loaded ? JSON.stringify([this.loaded.config.exclude, this.loaded.config.maxFileSizeMB]) : '';
      this.loaded = loadConfig((name) => this.readRootFile(name), new Set(ruleRegistry().keys()));
      if (before !== JSON.stringify([this.loaded.config.exclude, this.loaded.config.maxFileSizeMB])) this.structureDirty = true;
      this.configDirty = false;
    }
    const loaded = this.loaded;
    const config: MaturityConfig = {
      ...loaded.config, ...definedOnly(options.overrides),
      rules: { ...loaded.config.rules, ...(options.overrides?.rules ?? {}) },
      practices: { ...loaded.config.practices, ...(options.overrides?.practices ?? {}) },
      // Editor excludes add to the project's own; neither can re-include what the other leaves out.
      exclude: [...loaded.config.exclude, ...(options.overrides?.exclude ?? [])],
    };
    const maxBytes = config.maxFileSizeMB * 1048576;
    this.maxBytes = maxBytes;

    const arrivals = this.structureDirty || !this.scan ? undefined : this.arrivals(config.exclude);
    const rescanned = !arrivals;
    if (rescanned) await this.rescan(config.exclude, maxBytes);
    else {
      for (const rel of this.cameOrWent) this.changedOnDisk.delete(rel);
      if (this.changedOnDisk.size) this.refreshChanged(maxBytes);
      if (arrivals.size) this.applyArrivals(arrivals, maxBytes);
    }
    this.changedOnDisk.clear();
    this.cameOrWent.clear();
    const scan = this.scan!;
    this.files ??= new ProjectFiles(scan.files, this.texts, this.parses);
    const files = this.files;

    // Looked for above the root once per scan: a file-system walk on every edit was the only disk access left there.
    if (rescanned || !this.git) this.git = scan.gitAtRoot ? { present: true, root: '.' } : findGitAncestor(this.root);
    const git = this.git;
    this.facts.changed(this.touched);
    const model = buildProjectModel(files, { root: this.root, git, largeFileBytes: config.largeFileThresholdMB * 1048576, skipped: scan.skipped.length, sizesVersion: this.sizesVersion }, this.facts);
    const settings = { targetLevel: config.targetLevel, weights: config.practices, severities: config.rules };
    // The same model (no fact moved) and the same settings give the same verdicts.
    const settingsKey = JSON.stringify(settings);
    if (this.verdicts?.model !== model || this.verdicts.settings !== settingsKey) this.verdicts = { model, settings: settingsKey, practices: evaluatePractices(model, settings) };
    const { practices } = this.verdicts;

    const custom = options.customRules === false || !config.ruleFolders.length
      ? { rules: [] as LoadedRule[], problems: [] as Finding[] }
      : loadCustomRules(this.root, config.ruleFolders, new Set(ruleRegistry().keys()));
    if (this.versionsCache?.key !== this.versionsVersion) this.versionsCache = { key: this.versionsVersion, map: await knownVersions(files, this.root, scan.environments) };
    const projectAnchor = loaded.file ?? files.ofKind('readme')[0]?.path ?? files.files[0]?.path ?? 'README.md';
    // A rescan may have changed any file's text: then no list of changed paths is given, and every file is looked at again.
    const changed = rescanned ? undefined : this.touched;
    // The session's store misses the changes seen while custom rules had a store of their own.
    if (custom.rules.length) this.rules.checkAllNextTime();
    // A session used once has no next analysis to reuse rule results in: it keeps none, nor what they read.
    const ruled = evaluateRules([...builtinRules(), ...custom.rules], files, model, { targetLevel: config.targetLevel, knownVersions: this.versionsCache.map, projectAnchor }, this.use === 'once' ? undefined : {
      ...this.viewInputs.dependencies(files, model.signals, this.versionsVersion),
      versionOf: (p) => this.versionOf(p),
      changed,
      store: custom.rules.length ? new RuleStore() : this.rules,
      currentFiles: () => this.files ?? files,
    });

    const byFile = prependByFile([
      ...loaded.problems,
      ...custom.problems,
      ...files.problems.map((p): Finding => ({ ruleId: p.ruleId, severity: p.severity, message: p.message, file: p.file, range: p.range })),
      ...withoutRepeats(practiceFindings(practices, model, files, settings), ruled.byFile),
    ], ruled.byFile);
    const configured = applySuppressions(byFile, files, this.suppressions, changed);
    this.touched.clear();
    if (Object.keys(config.rules).length) for (const [file, list] of configured) configured.set(file, applySeverities(list, config.rules));
    if (this.use === 'kept') this.releasePythonTexts(files);
    const sorted = this.order.sort(configured);
    return {
      root: this.root, config, configFile: loaded.file, model, practices,
      findings: sorted.findings,
      findingsByFile: sorted.byFile,
      score: scorePractices(practices),
      stats: { files: scan.files.length, read: this.disk.size + this.released.size, durationMs: Date.now() - started },
      ruleFailures: ruled.failures,
    };
  }

  // Synchronous, as the walk that follows is: the first asynchronous call of a process loads
  // fs/promises and starts libuv's thread pool, 4-5 ms of a CLI run, for two calls of microseconds.
  private checkRoot(): void {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(this.root);
    } catch {
      throw new AnalysisError(`${this.root}: no such file or directory`);
    }
    if (!stat.isDirectory()) throw new AnalysisError(`${this.root}: not a directory`);
    try {
      fs.accessSync(this.root, fs.constants.R_OK | fs.constants.X_OK);
    } catch {
      throw new AnalysisError(`${this.root}: permission denied`);
    }
  }

  private readRootFile(name: string): string | undefined {
    const overlay = this.overlays.get(name);
    if (overlay !== undefined) return overlay;
    try {
      return stripBom(fs.readFileSync(path.join(this.root, name), 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** A full scan; only files that are new or whose size or time changed are read again. */
  private async rescan(exclude: string[], maxBytes: number): Promise<void> {
    this.fullScans++;
    const previous = new Map(this.scan?.files.map((f) => [f.path, f]) ?? []);
    // The first scan reads every text as it goes; later ones read only what changed.
    // A session used once compares its scan with no later one: its files need no modification times.
    const scan = await scanWorkspace(this.root, { exclude, signal: this.options.signal, readUpTo: this.scan ? undefined : maxBytes, withoutTimes: this.use === 'once' });
    if (this.scan) {
      const present = new Set<string>();
      let n = 0;
      for (const f of scan.files) {
        present.add(f.path);
        const old = previous.get(f.path);
        const held = this.disk.has(f.path) || this.released.has(f.path);
        const unchanged = old && old.size === f.size && old.mtimeMs === f.mtimeMs && !this.changedOnDisk.has(f.path) && held === !!(f.kind && f.size <= maxBytes);
        if (unchanged) continue;
        this.readFile(f, maxBytes, scan.texts);
        if (old) this.versions.set(f.path, this.nextVersion++);
        if (++n % 256 === 0) await yieldToEventLoop();
      }
      this.scan = scan;
      this.forgetAllBut(present);
    } else {
      // The first scan read exactly the texts `readFile` keeps (files of a kind, within the cap), and nothing is held
      // yet: its map becomes the session's, without a copy, and the scan lets go of it.
      this.disk = scan.texts!;
      this.allReadSinceRelease = true;
      scan.texts = undefined;
      this.scan = scan;
      this.forgetAllBut();
    }
    // Environments and lockfiles may differ; when only a few paths come or go, touching one of them says so.
    this.versionsVersion++;
    this.structureDirty = false;
  }

  /** After files came or went: what is kept of the others (all, with no list), and every key that depends on which files there are. */
  private forgetAllBut(present?: Set<string>): void {
    if (present) {
      for (const p of [...this.disk.keys()]) if (!present.has(p)) this.disk.delete(p);
      this.released.retain(present);
      this.parses.retain(present);
      this.facts.retain(present);
      this.rules.retain(present);
    }
    this.files = undefined;
    this.viewInputs.forget();
    this.sizesVersion++;
  }

  /**
   * What a scan would make now of each path that came or went; none when one of them takes a full
   * scan, or when there are so many (a checkout, say) that one walk costs less than their folders' reads.
   */
  private arrivals(exclude: string[]): Map<string, Arrival> | undefined {
    if (this.cameOrWent.size > MAX_ARRIVALS) return undefined;
    const out = new Map<string, Arrival>();
    // An edit: nothing to look at, and no reader to set up (it compiles the excludes).
    if (!this.cameOrWent.size) return out;
    const reader = new ArrivalReader(this.root, exclude);
    for (const rel of this.cameOrWent) {
      // An environment's folder that went, or one above it: the scan's list of environments changes.
      if (this.scan!.environments.some((e) => e === rel || e.startsWith(`${rel}/`))) return undefined;
      const arrival = reader.arrival(rel);
      if ('fullScan' in arrival) return undefined;
      out.set(rel, arrival);
    }
    return out;
  }

  private applyArrivals(arrivals: Map<string, Arrival>, maxBytes: number): void {
    for (const f of withArrivals(this.scan!, arrivals)) this.readFile(f, maxBytes);
    this.forgetAllBut(new Set(this.scan!.files.map((f) => f.path)));
  }

  /** Files changed on disk without files coming or going: their size, time and text. */
  private refreshChanged(maxBytes: number): void {
    this.sizesVersion++;
    for (const rel of this.changedOnDisk) {
      const f = this.files?.get(rel);
      if (!f) continue;
      try {
        const stat = fs.lstatSync(path.join(this.root, rel));
        f.size = stat.size;
        f.mtimeMs = stat.mtimeMs;
      } catch {
        this.structureDirty = true;
      }
      this.readFile(f, maxBytes);
    }
  }

  /** Binary files (a NUL byte) and files over the cap are not text. `read`: texts the scan read. */
  private readFile(f: ScannedFile, maxBytes: number, read?: Map<string, string>): void {
    this.disk.delete(f.path);
    this.released.delete(f.path);
    if (!f.kind || f.size > maxBytes) return;
    const text = read ? read.get(f.path) : this.readText(f.path);
    if (text === undefined) return;
    this.disk.set(f.path, text);
    this.readSinceRelease.add(f.path);
  }

  private readText(rel: string): string | undefined {
    try {
      return decodeText(fs.readFileSync(path.join(this.root, rel)));
    } catch {
      // Vanished or unreadable since the scan: it simply gives no evidence.
      return undefined;
    }
  }
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
