import { loadCatalog } from '../catalog';
import type { ScannedFile } from '../scan/walk';
import { lineStart } from '../text';
import type { Evidence } from '../types';
import { expandCommands, findCiDefinitions } from './ci';
import { findLockfiles, findManifests } from './deps';
import type { ProjectFiles } from './files';
import { lfsPatterns, type LfsPattern } from './lfs';
import { findContainers, findParams, findServingApps, findVersioning, lfsSignals } from './ml-facts';
import { findLargeFiles, findModelDocs, findPrecommit, findReadme, findTests } from './repo-facts';
import { SignalBook } from './signals';
import { toolCatalog } from './tool-catalog';
import { detectTools } from './tools';
import type { CiDefinition, CommandRef, DetectedTool, Lockfile, Manifest, ProjectModel, TestFile } from './types';

export interface ModelOptions {
  root: string;
  git: { present: boolean; root?: string };
  largeFileBytes: number;
  skipped: number;
}

/** What one file says on its own, whatever the rest of the project holds. */
export interface FileFacts {
  signals: [string, Evidence][];
  tools: DetectedTool[];
  manifests: Manifest[];
  lockfiles: Lockfile[];
  ci: CiDefinition[];
  tests: TestFile[];
  lfs: LfsPattern[];
  /** Paths DVC versions (pointer targets and stage outputs). */
  tracked: string[];
}

const NO_FACTS: FileFacts = { signals: [], tools: [], manifests: [], lockfiles: [], ci: [], tests: [], lfs: [], tracked: [] };

/** Facts by file, kept while the file's text and kind stay the same. */
export class FactsCache {
  private readonly entries = new Map<string, { key: unknown; kind: string | undefined; facts: FileFacts }>();
  /** Unclassified paths no file glob names: their answer depends on the path alone. */
  private readonly nameless = new Set<string>();

  factsOf(files: ProjectFiles, file: ScannedFile): FileFacts {
    // A file of no known kind can only be evidence by its name (a Triton config.pbtxt, a Grafana dashboard).
    if (!file.kind) {
      if (this.nameless.has(file.path)) return NO_FACTS;
      if (!toolCatalog().anyFileGlob(file.path)) {
        this.nameless.add(file.path);
        return NO_FACTS;
      }
    }
    const key = files.textKey(file.path);
    const hit = this.entries.get(file.path);
    if (hit && hit.key === key && hit.kind === file.kind) return hit.facts;
    const facts = computeFacts(files.focus(file));
    // Python is read once for its facts; its comment-free copy is not worth keeping.
    if (file.kind === 'python' || file.kind === 'notebook') files.release(file.path, 'code');
    this.entries.set(file.path, { key, kind: file.kind, facts });
    return facts;
  }

  retain(paths: Set<string>): void {
    for (const p of this.entries.keys()) if (!paths.has(p)) this.entries.delete(p);
    for (const p of this.nameless) if (!paths.has(p)) this.nameless.delete(p);
  }
}

function computeFacts(focus: ProjectFiles): FileFacts {
  const book = new SignalBook();
  const manifests = findManifests(focus);
  const tools = detectTools(focus, manifests, book);
  const tracked = findVersioning(focus, book);
  const tests = findTests(focus, book);
  findModelDocs(focus, book);
  findPrecommit(focus, book);
  findParams(focus, book);
  findContainers(focus, book);
  return { signals: book.entries(), tools, manifests, lockfiles: findLockfiles(focus), ci: findCiDefinitions(focus), tests, lfs: lfsPatterns(focus), tracked: [...tracked] };
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

  const manifests: Manifest[] = [];
  const lockfiles: Lockfile[] = [];
  const ci: CiDefinition[] = [];
  const tests: TestFile[] = [];
  const lfs: LfsPattern[] = [];
  const tracked = new Set<string>();
  const tools = new Map<string, DetectedTool>();
  for (const f of files.files) {
    const facts = cache.factsOf(files, f);
    if (facts === NO_FACTS) continue;
    for (const [signal, evidence] of facts.signals) book.add(signal, evidence);
    for (const t of facts.tools) {
      const known = tools.get(t.id);
      if (known) for (const s of t.signals) if (!known.signals.includes(s)) known.signals.push(s);
      if (!known) tools.set(t.id, { ...t, signals: [...t.signals] });
    }
    manifests.push(...facts.manifests);
    lockfiles.push(...facts.lockfiles);
    ci.push(...facts.ci);
    tests.push(...facts.tests);
    lfs.push(...facts.lfs);
    for (const p of facts.tracked) tracked.add(p);
  }

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
  const expanded = recordCi(files, ci, book);
  lfsSignals(lfs, book);
  findReadme(files, book);
  findServingApps(book);
  const largeFiles = findLargeFiles(files, lfs, tracked, options.largeFileBytes);
  for (const f of largeFiles) book.add('large-file', { file: f.file, detail: `${f.file} is ${(f.size / 1048576).toFixed(1)} MB and would be committed to git` });

  const pinned = deps.filter((d) => d.pinned).length;
  return {
    root: options.root,
    files: { count: files.files.length, bytes: files.files.reduce((n, f) => n + f.size, 0), skipped: options.skipped },
    vcs: { git: options.git.present, gitRoot: options.git.root },
    ci: expanded,
    dependencies: { manifests, lockfiles, total: deps.length, pinned, pinnedRatio: deps.length ? pinned / deps.length : 0 },
    tools: [...tools.values()],
    tests,
    largeFiles,
    signals: book.toJSON(),
  };
}

/** CI signals from what CI runs, scripts and Makefile targets followed one level; the cached definitions stay as they are. */
function recordCi(files: ProjectFiles, ci: CiDefinition[], book: SignalBook): CiDefinition[] {
  const catalog = commandSignals();
  return ci.map((def) => {
    if (!def.runnable) {
      book.add('ci-broken', { file: def.file, detail: `${def.file} (${def.system}) ${def.problem ?? 'runs nothing'}` });
      return def;
    }
    book.add('ci-definition', { file: def.file, range: lineStart(0), detail: `${def.system}: ${def.file}${def.jobs.length ? ` (${def.jobs.length} job${def.jobs.length > 1 ? 's' : ''})` : ''}`, tool: def.system });
    const commands = expandCommands(files, def.commands);
    for (const cmd of commands) {
      for (const s of catalog) {
        if (s.patterns.some((p) => p.test(cmd.text))) book.add(s.signal, commandEvidence(def, cmd));
      }
      if (/\b(docker|podman)\s+(buildx\s+)?build\b/.test(cmd.text)) book.add('container-image', { ...commandEvidence(def, cmd), detail: `CI builds an image: ${cmd.text}` });
    }
    for (const action of def.actions) {
      for (const s of catalog) {
        if (s.actions.some((a) => a.test(action.ref))) book.add(s.signal, { file: action.file, range: lineStart(action.line), detail: `${def.system} uses ${action.ref}`, tool: def.system });
      }
    }
    return { ...def, commands };
  });
}

function commandEvidence(def: CiDefinition, cmd: CommandRef): Evidence {
  const where = cmd.via ? ` (called from ${cmd.via.file}:${cmd.via.line + 1})` : '';
  return { file: cmd.file, range: lineStart(cmd.line), detail: `${def.system}${cmd.job ? ` job ${cmd.job}` : ''} runs \`${cmd.text}\`${where}`, tool: def.system };
}
