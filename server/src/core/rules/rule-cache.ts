import type { ExistenceProbe, ProjectFiles } from '../model/files';
import type { Finding } from '../types';
import type { ViewDependencies } from './view-inputs';

/**
 * Rule results by file, reused while the file's text and the inputs of its rules' views are
 * unchanged: an edit re-evaluates the edited file and the files whose views read it.
 */
export interface RuleCache extends ViewDependencies {
  /** A key for the file's own text: changes whenever its text does. */
  versionOf(path: string): number;
  /** Paths whose text changed since the store's last evaluation; without it every entry is checked. */
  changed?: ReadonlySet<string>;
  store: RuleStore;
  /** The project's files later on, when a cached finding's fix is computed after further analyses. */
  currentFiles?(): ProjectFiles;
}

/** One file's findings and the rules that threw on it. */
export interface FileResult {
  findings: Finding[];
  failures: { rule: string; error: string }[];
}

export interface RuleCacheEntry extends FileResult {
  version: number;
  level: number;
  views: string;
  /** Which files exist, as the evaluation asked (a dvc.yaml's deps, say): the tree's part in the result. */
  probes: ExistenceProbe[];
  /** The file list the probes last got their answers from: the same list gives the same answers. */
  answeredBy: ProjectFiles;
}

/**
 * The entries, and which entries read each path. While the file list, the target level and every
 * view's shared key stay as they were, an entry can only be stale when its file or a file its views
 * read changed: an edit checks those and takes the others as they are, with no key made for them.
 */
export class RuleStore {
  readonly entries = new Map<string, RuleCacheEntry>();
  /** The last evaluation's findings and failures, of the files that have some: an edit updates the few it checks. */
  readonly findings = new Map<string, Finding[]>();
  readonly failures = new Map<string, { rule: string; error: string }[]>();
  private readonly readers = new Map<string, Set<string>>();
  private last?: { files: ProjectFiles; level: number; shared: string };
  private current?: { files: ProjectFiles; level: number; shared: string };
  private recheck?: Set<string>;

  /** Starts an evaluation; `shared` joins every view's shared key. */
  begin(files: ProjectFiles, level: number, shared: string, changed: ReadonlySet<string> | undefined): void {
    const last = this.last;
    if (changed && last && last.files === files && last.level === level && last.shared === shared) {
      this.recheck = new Set(changed);
      for (const path of changed) for (const reader of this.readers.get(path) ?? []) this.recheck.add(reader);
    } else {
      // Every entry is checked, and says again what it reads.
      this.recheck = undefined;
      this.readers.clear();
    }
    // Until `finish`, nothing is taken as known: an evaluation cut short leaves the store to be checked in full.
    this.last = undefined;
    this.current = { files, level, shared };
  }

  /** The evaluation started by `begin` went through: the next one may start from it. */
  finish(): void {
    this.last = this.current;
  }

  /** The next evaluation checks every entry: changes may have gone by without this store. */
  checkAllNextTime(): void {
    this.last = undefined;
  }

  /** The paths to check when nothing else can have changed since the last evaluation; undefined: check every file. */
  rechecked(): ReadonlySet<string> | undefined {
    return this.recheck;
  }

  /** The key of a file's views, noting which paths they read for it. */
  viewsKey(cache: RuleCache, views: string[], path: string): string {
    let key = '';
    for (const view of views) {
      const reads = cache.viewReads(view, path);
      let versions = '';
      for (const read of reads) {
        let readers = this.readers.get(read);
        if (!readers) this.readers.set(read, (readers = new Set()));
        readers.add(path);
        versions += `${read}@${cache.versionOf(read)},`;
      }
      key += `${cache.viewShared(view)}:${versions}|`;
    }
    return key;
  }

  /**
   * Only the entries of what is still present stay. The findings and failures need no pruning: files
   * came or went, so the next evaluation has a new file list and builds them again from the entries.
   */
  retain(paths: Set<string>): void {
    for (const p of [...this.entries.keys()]) if (!paths.has(p)) this.entries.delete(p);
  }
}
