import fs = require('fs');
import path = require('path');
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { decodeText } from '../text';
import { classify, type FileKind } from './classify';
import { OneShotTexts, readOpen } from './reads';

export interface ScannedFile {
  /** Repo-relative, forward slashes. */
  path: string;
  kind?: FileKind;
  size: number;
  /** Modification time, to tell a changed file from an unchanged one between scans. */
  mtimeMs?: number;
}

export interface SkippedEntry {
  path: string;
  reason: 'symlink' | 'unreadable' | 'special';
}

export interface ScanOptions {
  exclude?: string[];
  signal?: AbortSignal;
  /**
   * Read the text of every classified file of at most this many bytes as it is found (`texts`):
   * one open and fstat per file, where a stat now and a read later would look the path up twice.
   */
  readUpTo?: number;
  /**
   * A scan made once, with no later one to compare it with (the CLI's), needs no modification
   * times: a file the read reaches the end of takes its size from the read, without an fstat. Its
   * texts are decoded in batches and kept as slices of them (`OneShotTexts` in reads.ts).
   */
  withoutTimes?: boolean;
}

export interface ScanResult {
  files: ScannedFile[];
  skipped: SkippedEntry[];
  /** Folders holding a Python environment (pyvenv.cfg or conda-meta): not scanned, but their metadata can pin versions. */
  environments: string[];
  /** The root itself has a .git folder or file. */
  gitAtRoot: boolean;
  /** With `readUpTo`: the texts of the files read (binary files and files over the cap have none). */
  texts?: Map<string, string>;
}

/** Never worth walking: VCS internals, caches, build outputs. */
const DEFAULT_EXCLUDED_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', 'site-packages', '.tox', '.nox',
  '.mypy_cache', '.pytest_cache', '.ruff_cache', '.ipynb_checkpoints', '.eggs', '.cache', '.idea',
  'build', 'dist', 'htmlcov', '.terraform', 'wandb', 'mlruns', 'lightning_logs', '.dvc-cache',
]);
const DEFAULT_EXCLUDED_SUBPATHS = ['.dvc/cache', '.dvc/tmp', '.dvc/plots'];

interface IgnoreLayer {
  /** Folder the .gitignore sits in, repo-relative ('' for the root). */
  base: string;
  rules: Ignore;
}

/**
 * Synchronous file-system calls are several times cheaper than their promise versions for many
 * small files; yielding to the event loop every so often keeps a language server responsive.
 */
const YIELD_EVERY = 512;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function scanWorkspace(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const result: ScanResult = { files: [], skipped: [], environments: [], gitAtRoot: false };
  if (options.readUpTo !== undefined) result.texts = new Map();
  const oneShot = options.withoutTimes && result.texts ? new OneShotTexts(result.texts) : undefined;
  const userExclude = userExcludeOf(options.exclude);
  const pending: { rel: string; layers: IgnoreLayer[] }[] = [{ rel: '', layers: rootLayers(root) }];
  let work = 0;
  while (pending.length) {
    if (options.signal?.aborted) break;
    const { rel, layers: parentLayers } = pending.pop()!;
    const abs = rel ? path.join(root, rel) : root;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      result.skipped.push({ path: rel || '.', reason: 'unreadable' });
      continue;
    }
    if (rel && isEnvironment(rel, entries)) {
      result.environments.push(rel);
      continue;
    }
    if (!rel && entries.some((e) => e.name === '.git')) result.gitAtRoot = true;
    const layers = folderLayers(abs, rel, entries, parentLayers);
    const subdirs: string[] = [];
    // Paths of the files within, for the file system only: joined, not normalised again per file.
    const dirPrefix = abs.endsWith(path.sep) ? abs : abs + path.sep;
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        result.skipped.push({ path: childRel, reason: 'symlink' });
        continue;
      }
      const isDir = entry.isDirectory();
      if (!admitted(entry.name, childRel, isDir, layers, userExclude)) continue;
      if (isDir) subdirs.push(childRel);
      else if (entry.isFile()) addFile(dirPrefix + entry.name, childRel, result, options, oneShot);
      else result.skipped.push({ path: childRel, reason: 'special' });
      if (++work % YIELD_EVERY === 0) {
        // Another scan may run meanwhile and fill the one-shot reads' shared buffer.
        oneShot?.flush();
        await yieldToEventLoop();
      }
    }
    // Depth-first, in name order: the stack takes them reversed.
    for (let i = subdirs.length - 1; i >= 0; i--) pending.push({ rel: subdirs[i], layers });
  }
  oneShot?.flush();
  result.files.sort(byPath);
  return result;
}

/**
 * What a scan would make of one path that came or went since: the file it lists, the entry it
 * skips, or nothing (absent or not walked). Only the folders above the path are read. A folder, or
 * a file that changes how folders are read (a .gitignore, an environment's marker), takes a full scan.
 */
export type Arrival = { file: ScannedFile } | { skipped: SkippedEntry } | { absent: true } | { fullScan: true };

const TREE_NAMES = new Set(['.gitignore', '.git', 'pyvenv.cfg', 'conda-meta']);

interface FolderRead {
  entries: fs.Dirent[];
  environment: boolean;
  /** The ignore rules inside the folder. */
  layers: IgnoreLayer[];
}

/**
 * Answers `arrival` for the paths of one batch, sharing the reads: the exclude globs are compiled,
 * the root's rules read and each folder read once, however many of the paths sit below it.
 */
export class ArrivalReader {
  private readonly userExclude: ((rel: string) => boolean) | undefined;
  private readonly rootLayers: IgnoreLayer[];
  /** Folders read so far; undefined for one that could not be read. */
  private readonly folders = new Map<string, FolderRead | undefined>();

  constructor(private readonly root: string, exclude?: string[]) {
    this.userExclude = userExcludeOf(exclude);
    this.rootLayers = rootLayers(root);
  }

  arrival(rel: string): Arrival {
    const parts = rel.split('/');
    if (TREE_NAMES.has(parts[parts.length - 1]) || parts.some((p) => p === '' || p === '.' || p === '..')) return { fullScan: true };
    let layers = this.rootLayers;
    let folder = '';
    for (let k = 0; k < parts.length; k++) {
      const read = this.folder(folder, layers);
      if (!read) return { fullScan: true };
      if (read.environment) return { absent: true };
      layers = read.layers;
      const name = parts[k];
      const childRel = folder ? `${folder}/${name}` : name;
      const entry = read.entries.find((e) => e.name === name);
      if (!entry) return { absent: true };
      const last = k === parts.length - 1;
      // A link above the path was skipped with its own entry, and nothing below it was walked.
      if (entry.isSymbolicLink()) return last ? { skipped: { path: rel, reason: 'symlink' } } : { absent: true };
      const isDir = entry.isDirectory();
      if (!admitted(name, childRel, isDir, layers, this.userExclude)) return { absent: true };
      if (!last) {
        if (!isDir) return { absent: true };
        folder = childRel;
        continue;
      }
      if (isDir) return { fullScan: true };
      if (!entry.isFile()) return { skipped: { path: rel, reason: 'special' } };
    }
    try {
      const stat = fs.lstatSync(path.join(this.root, rel));
      return { file: { path: rel, kind: classify(rel), size: stat.size, mtimeMs: stat.mtimeMs } };
    } catch {
      return { absent: true };
    }
  }

  private folder(rel: string, parentLayers: IgnoreLayer[]): FolderRead | undefined {
    if (this.folders.has(rel)) return this.folders.get(rel);
    const abs = rel ? path.join(this.root, rel) : this.root;
    let read: FolderRead | undefined;
    try {
      const entries = fs.readdirSync(abs, { withFileTypes: true });
      const environment = !!rel && isEnvironment(rel, entries);
      read = { entries, environment, layers: environment ? parentLayers : folderLayers(abs, rel, entries, parentLayers) };
    } catch {
      read = undefined;
    }
    this.folders.set(rel, read);
    return read;
  }
}

/** The scan as a full one would now find it: what went (a file, or all in a folder) dropped, what came added; returns the files added. */
export function withArrivals(scan: ScanResult, arrivals: Map<string, Arrival>): ScannedFile[] {
  const folders = [...arrivals.keys()].map((rel) => `${rel}/`);
  const gone = (p: string) => arrivals.has(p) || folders.some((f) => p.startsWith(f));
  scan.files = scan.files.filter((f) => !gone(f.path));
  scan.skipped = scan.skipped.filter((s) => !gone(s.path));
  const added: ScannedFile[] = [];
  for (const arrival of arrivals.values()) {
    if ('skipped' in arrival) scan.skipped.push(arrival.skipped);
    if ('file' in arrival) added.push(arrival.file);
  }
  scan.files.push(...added);
  scan.files.sort(byPath);
  return added;
}

function userExcludeOf(exclude: string[] | undefined): ((rel: string) => boolean) | undefined {
  return exclude?.length ? picomatch(exclude, { dot: true }) : undefined;
}

function rootLayers(root: string): IgnoreLayer[] {
  const infoExclude = readText(path.join(root, '.git', 'info', 'exclude'));
  return infoExclude ? [{ base: '', rules: ignore().add(infoExclude) }] : [];
}

/** A folder below the root that holds a Python environment: never walked. */
function isEnvironment(rel: string, entries: fs.Dirent[]): boolean {
  return path.basename(rel) === '.venv' || entries.some((e) => e.name === 'pyvenv.cfg' || (e.name === 'conda-meta' && e.isDirectory()));
}

/** The ignore rules inside a folder: those above it, then its own .gitignore's. */
function folderLayers(abs: string, rel: string, entries: fs.Dirent[], parentLayers: IgnoreLayer[]): IgnoreLayer[] {
  if (!entries.some((e) => e.name === '.gitignore' && e.isFile())) return parentLayers;
  const text = readText(path.join(abs, '.gitignore'));
  return text ? [...parentLayers, { base: rel, rules: ignore().add(text) }] : parentLayers;
}

/** Whether the walk goes on with an entry that is not a link: not excluded by default, by .gitignore or by the user. */
function admitted(name: string, rel: string, isDir: boolean, layers: IgnoreLayer[], userExclude: ((rel: string) => boolean) | undefined): boolean {
  if (isDir && isDefaultExcluded(name, rel)) return false;
  if (isIgnored(layers, rel, isDir)) return false;
  return !(userExclude && (userExclude(rel) || (isDir && userExclude(`${rel}/`))));
}

function byPath(a: ScannedFile, b: ScannedFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function isDefaultExcluded(name: string, rel: string): boolean {
  if (DEFAULT_EXCLUDED_DIRS.has(name) || name.endsWith('.egg-info')) return true;
  return DEFAULT_EXCLUDED_SUBPATHS.some((p) => rel === p || rel.endsWith(`/${p}`));
}

/** Git semantics: the deepest .gitignore that has an opinion decides. */
function isIgnored(layers: IgnoreLayer[], rel: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    const local = layer.base ? rel.slice(layer.base.length + 1) : rel;
    const verdict = layer.rules.test(isDir ? `${local}/` : local);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

/**
 * A file swapped for a link since the directory was read is not followed (O_NOFOLLOW), and one
 * swapped for a FIFO does not block the open (O_NONBLOCK), where the platform has the flags.
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

function addFile(abs: string, rel: string, result: ScanResult, options: ScanOptions, oneShot: OneShotTexts | undefined): void {
  const kind = classify(rel);
  if (kind && options.readUpTo !== undefined && readFile(abs, { path: rel, kind, size: 0 }, result, options.readUpTo, oneShot)) return;
  try {
    const stat = fs.lstatSync(abs);
    result.files.push({ path: rel, kind, size: stat.size, mtimeMs: stat.mtimeMs });
  } catch {
    // Deleted between readdir and stat: a scan of a moving tree reports what was there.
    result.skipped.push({ path: rel, reason: 'unreadable' });
  }
}

/**
 * Size and time from the open file (a scan made once: the size from reading it whole, when it fits
 * the one-shot reads' buffer), then its text when it is no larger than `readUpTo`. False when the
 * file cannot be opened: then it is listed from a stat, without a text, as a later read would leave it.
 */
function readFile(abs: string, file: ScannedFile, result: ScanResult, readUpTo: number, oneShot: OneShotTexts | undefined): boolean {
  let fd: number;
  try {
    fd = fs.openSync(abs, OPEN_FLAGS);
  } catch {
    return false;
  }
  try {
    const bytes = oneShot?.read(fd);
    if (bytes) file.size = bytes.length;
    else {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) {
        result.skipped.push({ path: file.path, reason: 'special' });
        return true;
      }
      file.size = stat.size;
      file.mtimeMs = stat.mtimeMs;
    }
    result.files.push(file);
    if (file.size > readUpTo) return true;
    if (oneShot && bytes) oneShot.keep(file.path, bytes);
    else {
      const text = decodeText(readOpen(fd, file.size));
      if (text !== undefined) result.texts!.set(file.path, text);
    }
  } catch {
    // Unreadable since the open: a file without a text gives no evidence, as when a later read fails.
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The git repository above a root without one of its own, if any. */
export function findGitAncestor(root: string): { present: boolean; root?: string } {
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return { present: true, root: dir };
    if (path.dirname(dir) === dir) return { present: false };
  }
}
