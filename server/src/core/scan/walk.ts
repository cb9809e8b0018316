import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { decodeText } from '../text';
import { classify, type FileKind } from './classify';

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
  const userExclude = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : undefined;
  const rootLayers: IgnoreLayer[] = [];
  const infoExclude = readText(path.join(root, '.git', 'info', 'exclude'));
  if (infoExclude) rootLayers.push({ base: '', rules: ignore().add(infoExclude) });

  const pending: { rel: string; layers: IgnoreLayer[] }[] = [{ rel: '', layers: rootLayers }];
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
    const isEnvironment =
      path.basename(rel) === '.venv' || entries.some((e) => e.name === 'pyvenv.cfg' || (e.name === 'conda-meta' && e.isDirectory()));
    if (rel && isEnvironment) {
      result.environments.push(rel);
      continue;
    }
    if (!rel && entries.some((e) => e.name === '.git')) result.gitAtRoot = true;
    let layers = parentLayers;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const text = readText(path.join(abs, '.gitignore'));
      if (text) layers = [...layers, { base: rel, rules: ignore().add(text) }];
    }
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
      if (isDir && isDefaultExcluded(entry.name, childRel)) continue;
      if (isIgnored(layers, childRel, isDir)) continue;
      if (userExclude && (userExclude(childRel) || (isDir && userExclude(`${childRel}/`)))) continue;
      if (isDir) subdirs.push(childRel);
      else if (entry.isFile()) addFile(dirPrefix + entry.name, childRel, result, options.readUpTo);
      else result.skipped.push({ path: childRel, reason: 'special' });
      if (++work % YIELD_EVERY === 0) await yieldToEventLoop();
    }
    // Depth-first, in name order: the stack takes them reversed.
    for (let i = subdirs.length - 1; i >= 0; i--) pending.push({ rel: subdirs[i], layers });
  }
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
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

function addFile(abs: string, rel: string, result: ScanResult, readUpTo: number | undefined): void {
  const kind = classify(rel);
  if (kind && readUpTo !== undefined && readFile(abs, { path: rel, kind, size: 0 }, result, readUpTo)) return;
  try {
    const stat = fs.lstatSync(abs);
    result.files.push({ path: rel, kind, size: stat.size, mtimeMs: stat.mtimeMs });
  } catch {
    // Deleted between readdir and stat: a scan of a moving tree reports what was there.
    result.skipped.push({ path: rel, reason: 'unreadable' });
  }
}

/**
 * Size and time from the open file, then its text when it is no larger than `readUpTo`. False when
 * the file cannot be opened: then it is listed from a stat, without a text, as a later read would leave it.
 */
function readFile(abs: string, file: ScannedFile, result: ScanResult, readUpTo: number): boolean {
  let fd: number;
  try {
    fd = fs.openSync(abs, OPEN_FLAGS);
  } catch {
    return false;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      result.skipped.push({ path: file.path, reason: 'special' });
      return true;
    }
    file.size = stat.size;
    file.mtimeMs = stat.mtimeMs;
    result.files.push(file);
    const text = stat.size <= readUpTo ? decodeText(readOpen(fd, stat.size)) : undefined;
    if (text !== undefined) result.texts!.set(file.path, text);
  } catch {
    // Unreadable since the open: a file without a text gives no evidence, as when a later read fails.
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** The bytes of an open file of `size` bytes, up to where it ends if it shrank meanwhile. */
function readOpen(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let n = 0;
  for (let got = 1; n < size && got > 0; n += got) got = fs.readSync(fd, bytes, n, size - n, n);
  return n < size ? bytes.subarray(0, n) : bytes;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
