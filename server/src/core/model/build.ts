import { loadCatalog } from '../catalog';
import { sameItems } from '../findings';
import type { ScannedFile } from '../scan/walk';
import { lineStart } from '../text';
import type { Evidence } from '../types';
import { expandCommands } from './ci';
import { computeFacts, NO_FACTS, type FileFacts } from './file-facts';
import type { ProjectFiles } from './files';
import { findServingApps, lfsSignals } from './ml-facts';
import { findLargeFiles, findReadme } from './repo-facts';
import { SignalBook } from './signals';
import { toolCatalog } from './tool-catalog';
import type { CiDefinition, CommandRef, DetectedTool, ProjectModel } from './types';

export interface ModelOptions {
  root: string;
  git: { present: boolean; root?: string };
  largeFileBytes: number;
  skipped: number;
  /**
   * Changes whenever a file's size may have (a session counts rescans and files changed on disk).
   * Only with it is a model kept for the next build: without it nothing says the sizes are the same.
   */
  sizesVersion?: number;
}

/** Files per block: an edit merges its block's facts again, and the blocks' merged facts, not 20,000 files'. */
const BLOCK = 256;

/** Facts by file, kept while the file's text and kind stay the same; and merged by blocks of files. */
export class FactsCache {
  private readonly entries = new Map<string, { key: unknown; kind: string | undefined; facts: FileFacts }>();
  /** Unclassified paths no file glob names: their answer depends on the path alone. */
  private readonly nameless = new Set<string>();
  /** The index of each path in the file list is made on the first edit: a first analysis needs none. */
  private blocks?: { files: ProjectFiles; merged: (FileFacts | undefined)[]; index?: Map<string, number> };
  private readonly stale = new Set<string>();
  /** What each CI definition runs, followed into scripts: kept while the definition and what it read stay. */
  readonly ciMemo = new WeakMap<CiDefinition, CiFacts>();
  /** Set when a file's facts come out different from before: the model is built again. */
  private moved = true;
  /** The last model, and what besides per-file facts it was built from. */
  private last?: { files: ProjectFiles; inputs: unknown[]; model: ProjectModel; ciReads: string[] };

  /** `keep`: facts are kept for the next analysis; a session used once has none, and keeps nothing. */
  constructor(private readonly keep = true) {}

  /** Files whose text changed since the last model (a session knows; a new file list starts over anyway). */
  changed(paths: Iterable<string>): void {
    for (const p of paths) this.stale.add(p);
  }

  /** Every block's merged facts, in file order; blocks without a changed file come from the last model. */
  mergedBlocks(files: ProjectFiles): FileFacts[] {
    if (this.blocks?.files !== files) {
      this.moved = true;
      this.blocks = { files, merged: [] };
    } else if (this.stale.size) {
      const index = (this.blocks.index ??= new Map(files.files.map((f, i) => [f.path, i])));
      // A block is merged again only when a file's facts came out different: most edits move none.
      for (const p of this.stale) {
        const i = index.get(p);
        if (i === undefined) continue;
        const before = this.entries.get(p)?.facts;
        if (this.factsOf(files, files.files[i]) !== before) this.blocks.merged[Math.floor(i / BLOCK)] = undefined;
      }
    }
    this.stale.clear();
    const { merged } = this.blocks;
    for (let b = 0; b * BLOCK < files.files.length; b++) {
      merged[b] ??= mergeFacts(files.files.slice(b * BLOCK, (b + 1) * BLOCK).map((f) => this.factsOf(files, f)));
    }
    return merged as FileFacts[];
  }

  factsOf(files: ProjectFiles, file: ScannedFile): FileFacts {
    // A file of no known kind can only be evidence by its name (a Triton config.pbtxt, a Grafana dashboard).
    if (!file.kind) {
      if (this.nameless.has(file.path)) return NO_FACTS;
      if (!toolCatalog().anyFileGlob(file.path)) {
        if (this.keep) this.nameless.add(file.path);
        return NO_FACTS;
      }
    }
    const key = this.keep ? files.textKey(file.path) : undefined;
    const hit = this.keep ? this.entries.get(file.path) : undefined;
    if (hit && hit.key === key && hit.kind === file.kind) return hit.facts;
    const computed = computeFacts(files.focus(file), file);
    // Python is read once for its facts; its comment-free copy is not worth keeping.
    if (file.kind === 'python' || file.kind === 'notebook') files.release(file.path, 'code', 'lines');
    if (!this.keep) return computed;
    // Most edits change no fact (a value typed, a comment): then the old object stays, and the model with it.
    const same = hit !== undefined && hit.kind === file.kind && (hit.facts === computed || JSON.stringify(hit.facts) === JSON.stringify(computed));
    if (!same) this.moved = true;
    const facts = same ? hit.facts : computed;
    this.entries.set(file.path, { key, kind: file.kind, facts });
    return facts;
  }

  /** The last model, when no file's facts moved and nothing else it read changed. */
  reusable(files: ProjectFiles, options: ModelOptions): ProjectModel | undefined {
    const last = this.last;
    if (!this.keep || this.moved || !last || last.files !== files || options.sizesVersion === undefined) return undefined;
    const now = modelInputs(files, options, last.ciReads);
    return sameItems(last.inputs, now) ? last.model : undefined;
  }

  remember(files: ProjectFiles, options: ModelOptions, model: ProjectModel, ciReads: string[]): void {
    if (!this.keep || options.sizesVersion === undefined) return;
    this.last = { files, inputs: modelInputs(files, options, ciReads), model, ciReads };
    this.moved = false;
  }

  retain(paths: Set<string>): void {
    this.moved = true;
    for (const p of this.entries.keys()) if (!paths.has(p)) this.entries.delete(p);
    for (const p of this.nameless) if (!paths.has(p)) this.nameless.delete(p);
  }
}

/**
 * What a model reads besides per-file facts, as a list of comparable values: the options (with the
 * sizes version), and the READMEs and the scripts CI calls, by text key.
 */
function modelInputs(files: ProjectFiles, options: ModelOptions, ciReads: string[]): unknown[] {
  return [
    JSON.stringify(options),
    ...files.ofKind('readme').flatMap((f) => [f.path, files.textKey(f.path)]),
    ...ciReads.flatMap((p) => [p, readKey(files, p)]),
  ];
}

/** Facts of many files as one, in order: signals and lists concatenated, a tool's signals united. */
function mergeFacts(list: FileFacts[]): FileFacts {
  const out: FileFacts = { signals: [], tools: [], manifests: [], lockfiles: [], ci: [], tests: [], lfs: [], tracked: [] };
  const tools = new Map<string, DetectedTool>();
  // Indexed loops, as in detectTools: 20,000 files' facts go through here before V8 optimises it.
  for (let i = 0; i < list.length; i++) {
    const facts = list[i];
    if (facts === NO_FACTS) continue;
    appendAll(out.signals, facts.signals);
    for (let k = 0; k < facts.tools.length; k++) {
      const t = facts.tools[k];
      const known = tools.get(t.id);
      if (known) for (const s of t.signals) if (!known.signals.includes(s)) known.signals.push(s);
      if (!known) tools.set(t.id, { ...t, signals: [...t.signals] });
    }
    appendAll(out.manifests, facts.manifests);
    appendAll(out.lockfiles, facts.lockfiles);
    appendAll(out.ci, facts.ci);
    appendAll(out.tests, facts.tests);
    appendAll(out.lfs, facts.lfs);
    appendAll(out.tracked, facts.tracked);
  }
  out.tools = [...tools.values()];
  return out;
}

function appendAll<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]);
}

interface CommandSignal {
  signal: string;
  title: string;
  patterns: string[];
  actions: string[];
}

let commandCatalog: { signal: string; title: string; patterns: RegExp[]; actions: RegExp[] }[] | undefined;

function commandSignals() {
  commandCatalog ??= loadCatalog<{ signals: CommandSignal[] }>('ci-commands.json').signals.map((s) => ({
    signal: s.signal, title: s.title, patterns: s.patterns.map((p) => new RegExp(p)), actions: s.actions.map((a) => new RegExp(a)),
  }));
  return commandCatalog;
}


/**
 * Facts about the repository: every file's own facts (cached across analyses), then what only the
 * whole tree can say: CI commands through the scripts they call, large files, the README.
 */
export function buildProjectModel(files: ProjectFiles, options: ModelOptions, cache = new FactsCache()): ProjectModel {
  const book = new SignalBook();
  if (options.git.present) book.add('git', { file: '.git', detail: `git work tree at ${options.git.root ?? '.'}` });

  const blocks = cache.mergedBlocks(files);
  const reused = cache.reusable(files, options);
  if (reused) return reused;
  const { signals, tools, manifests, lockfiles, ci, tests, lfs, tracked: trackedList } = mergeFacts(blocks);
  for (const [signal, evidence] of signals) book.add(signal, evidence);
  const tracked = new Set(trackedList);

  const deps = manifests.flatMap((m) => m.dependencies);
  for (const m of manifests) {
    const first = m.dependencies[0];
    if (first) book.add('dependency-manifest', { file: m.file, range: lineStart(first.line), detail: `${m.file} declares ${m.dependencies.length} dependencies` });
  }
  for (const d of deps) {
    book.add(d.pinned ? 'pinned-dependency' : 'unpinned-dependency', { file: d.file, range: d.range ?? lineStart(d.line), detail: d.pinned ? `${d.name}${d.specifier}` : `${d.name} is not pinned to an exact version${d.specifier ? ` (${d.specifier})` : ''}` });
  }
  for (const l of lockfiles) {
    book.add(l.locked > 0 ? 'lockfile' : 'lockfile-empty', { file: l.file, detail: l.locked > 0 ? `${l.file} locks ${l.locked} packages` : `${l.file} locks no third-party package` });
  }
  const ciReads = new Set<string>();
  const expanded = recordCi(files, ci, book, cache.ciMemo, ciReads);
  lfsSignals(lfs, book);
  findReadme(files, book);
  findServingApps(book);
  const largeFiles = findLargeFiles(files, lfs, tracked, options.largeFileBytes);
  for (const f of largeFiles) book.add('large-file', { file: f.file, detail: `${f.file} is ${(f.size / 1048576).toFixed(1)} MB and would be committed to git` });

  const pinned = deps.filter((d) => d.pinned).length;
  const model: ProjectModel = {
    root: options.root,
    files: { count: files.files.length, bytes: files.files.reduce((n, f) => n + f.size, 0), skipped: options.skipped },
    vcs: { git: options.git.present, gitRoot: options.git.root },
    ci: expanded,
    dependencies: { manifests, lockfiles, total: deps.length, pinned, pinnedRatio: deps.length ? pinned / deps.length : 0 },
    tools,
    tests,
    largeFiles,
    signals: book.toJSON(),
  };
  cache.remember(files, options, model, [...ciReads]);
  return model;
}

interface CiFacts {
  def: CiDefinition;
  signals: [string, Evidence][];
  /** The scripts and Makefiles the expansion read, with their text keys then. */
  reads: [string, unknown][];
}

/** CI signals from what CI runs, scripts and Makefile targets followed one level; the cached definitions stay as they are. */
function recordCi(files: ProjectFiles, ci: CiDefinition[], book: SignalBook, memo: WeakMap<CiDefinition, CiFacts>, reads: Set<string>): CiDefinition[] {
  return ci.map((def) => {
    let facts = memo.get(def);
    if (!facts || facts.reads.some(([p, key]) => readKey(files, p) !== key)) {
      facts = ciFacts(files, def);
      memo.set(def, facts);
    }
    for (const [p] of facts.reads) reads.add(p);
    for (const [signal, evidence] of facts.signals) book.add(signal, evidence);
    return facts.def;
  });
}

function readKey(files: ProjectFiles, path: string): unknown {
  return files.has(path) ? files.textKey(path) : undefined;
}

function ciFacts(files: ProjectFiles, def: CiDefinition): CiFacts {
  const signals: [string, Evidence][] = [];
  if (!def.runnable) {
    signals.push(['ci-broken', { file: def.file, detail: `${def.file} (${def.system}) ${def.problem ?? 'runs nothing'}` }]);
    return { def, signals, reads: [] };
  }
  signals.push(['ci-definition', { file: def.file, range: lineStart(0), detail: `${def.system}: ${def.file}${def.jobs.length ? ` (${def.jobs.length} job${def.jobs.length > 1 ? 's' : ''})` : ''}`, tool: def.system }]);
  const catalog = commandSignals();
  const reads = new Set<string>();
  const commands = expandCommands(files, def.commands, reads);
  for (const cmd of commands) {
    for (const s of catalog) {
      if (s.patterns.some((p) => p.test(cmd.text))) signals.push([s.signal, commandEvidence(def, cmd)]);
    }
    if (/\b(docker|podman)\s+(buildx\s+)?build\b/.test(cmd.text)) signals.push(['container-image', { ...commandEvidence(def, cmd), detail: `CI builds an image: ${cmd.text}` }]);
  }
  for (const action of def.actions) {
    for (const s of catalog) {
      if (s.actions.some((a) => a.test(action.ref))) signals.push([s.signal, { file: action.file, range: lineStart(action.line), detail: `${def.system} uses ${action.ref}`, tool: def.system }]);
    }
  }
  return { def: { ...def, commands }, signals, reads: [...reads].map((p) => [p, readKey(files, p)]) };
}

function commandEvidence(def: CiDefinition, cmd: CommandRef): Evidence {
  const where = cmd.via ? ` (called from ${cmd.via.file}:${cmd.via.line + 1})` : '';
  return { file: cmd.file, range: lineStart(cmd.line), detail: `${def.system}${cmd.job ? ` job ${cmd.job}` : ''} runs \`${cmd.text}\`${where}`, tool: def.system };
}
