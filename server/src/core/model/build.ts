import { loadCatalog } from '../catalog';
import type { Evidence } from '../types';
import { expandCommands, findCiDefinitions } from './ci';
import { findLockfiles, findManifests } from './deps';
import type { ProjectFiles } from './files';
import { lfsPatterns } from './lfs';
import { findContainers, findParams, findServingApps, findVersioning } from './ml-facts';
import { findLargeFiles, findModelDocs, findPrecommit, findReadme, findTests } from './repo-facts';
import { SignalBook } from './signals';
import { detectTools } from './tools';
import type { CiDefinition, CommandRef, ProjectModel } from './types';

export interface ModelOptions {
  root: string;
  git: { present: boolean; root?: string };
  largeFileBytes: number;
  skipped: number;
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

const line = (n: number) => ({ start: { line: n, character: 0 }, end: { line: n, character: 0 } });

export function buildProjectModel(files: ProjectFiles, options: ModelOptions): ProjectModel {
  const book = new SignalBook();
  if (options.git.present) book.add('git', { file: '.git', detail: `git work tree at ${options.git.root ?? '.'}` });

  const manifests = findManifests(files);
  const lockfiles = findLockfiles(files);
  const deps = manifests.flatMap((m) => m.dependencies);
  for (const m of manifests) {
    const first = m.dependencies[0];
    if (first) book.add('dependency-manifest', { file: m.file, range: line(first.line), detail: `${m.file} declares ${m.dependencies.length} dependencies` });
  }
  for (const d of deps) {
    book.add(d.pinned ? 'pinned-dependency' : 'unpinned-dependency', { file: d.file, range: d.range ?? line(d.line), detail: d.pinned ? `${d.name}${d.specifier}` : `${d.name} is not pinned to an exact version${d.specifier ? ` (${d.specifier})` : ''}` });
  }
  for (const l of lockfiles) {
    book.add(l.locked > 0 ? 'lockfile' : 'lockfile-empty', { file: l.file, detail: l.locked > 0 ? `${l.file} locks ${l.locked} packages` : `${l.file} locks no third-party package` });
  }

  const tools = detectTools(files, manifests, book);
  const ci = findCiDefinitions(files);
  recordCi(files, ci, book);

  const lfs = lfsPatterns(files);
  const tracked = findVersioning(files, lfs, book);
  findReadme(files, book);
  const tests = findTests(files, book);
  findModelDocs(files, book);
  findPrecommit(files, book);
  findParams(files, book);
  findContainers(files, book);
  findServingApps(book);
  const largeFiles = findLargeFiles(files, lfs, tracked, options.largeFileBytes);
  for (const f of largeFiles) book.add('large-file', { file: f.file, detail: `${f.file} is ${(f.size / 1048576).toFixed(1)} MB and would be committed to git` });

  const pinned = deps.filter((d) => d.pinned).length;
  return {
    root: options.root,
    files: { count: files.files.length, bytes: files.files.reduce((n, f) => n + f.size, 0), skipped: options.skipped },
    vcs: { git: options.git.present, gitRoot: options.git.root },
    ci,
    dependencies: { manifests, lockfiles, total: deps.length, pinned, pinnedRatio: deps.length ? pinned / deps.length : 0 },
    tools,
    tests,
    largeFiles,
    signals: book.toJSON(),
  };
}

function recordCi(files: ProjectFiles, ci: CiDefinition[], book: SignalBook): void {
  const catalog = commandSignals();
  for (const def of ci) {
    if (!def.runnable) {
      book.add('ci-broken', { file: def.file, detail: `${def.file} (${def.system}) ${def.problem ?? 'runs nothing'}` });
      continue;
    }
    book.add('ci-definition', { file: def.file, range: line(0), detail: `${def.system}: ${def.file}${def.jobs.length ? ` (${def.jobs.length} job${def.jobs.length > 1 ? 's' : ''})` : ''}`, tool: def.system });
    def.commands = expandCommands(files, def.commands);
    for (const cmd of def.commands) {
      for (const s of catalog) {
        if (s.patterns.some((p) => p.test(cmd.text))) book.add(s.signal, commandEvidence(def, cmd));
      }
      if (/\b(docker|podman)\s+(buildx\s+)?build\b/.test(cmd.text)) book.add('container-image', { ...commandEvidence(def, cmd), detail: `CI builds an image: ${cmd.text}` });
    }
    for (const action of def.actions) {
      for (const s of catalog) {
        if (s.actions.some((a) => a.test(action.ref))) book.add(s.signal, { file: action.file, range: line(action.line), detail: `${def.system} uses ${action.ref}`, tool: def.system });
      }
    }
  }
}

function commandEvidence(def: CiDefinition, cmd: CommandRef): Evidence {
  const where = cmd.via ? ` (called from ${cmd.via.file}:${cmd.via.line + 1})` : '';
  return { file: cmd.file, range: line(cmd.line), detail: `${def.system}${cmd.job ? ` job ${cmd.job}` : ''} runs \`${cmd.text}\`${where}`, tool: def.system };
}
