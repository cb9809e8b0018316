import type { ProjectFiles } from '../model/files';
import { folderOf } from '../paths';
import { ghaTestAnchor } from './views/gha';
import { dvcFilesBeside, dvcParamsFiles, gitlabTestAnchor, seedAnchor } from './views/project';

/** Kinds whose text another file's rules read (through their views), by view. */
const VIEW_INPUTS: Record<string, string[]> = {
  mlproject: ['requirements', 'python-version', 'pyproject'],
};

/** What one analysis tells the rule cache about the views: see `RuleCache`. */
export interface ViewDependencies {
  /** What a view reads alike for every file (signals, anchors), as a key; '' when nothing. */
  viewShared(view: string): string;
  /** The other files whose text a view reads for one file (a dvc.yaml's params files). */
  viewReads(view: string, path: string): readonly string[];
}

/**
 * What each rule view reads besides the file it is given: the other files (a dvc.yaml's params
 * files), and what it reads alike for every file (signals, anchors). Narrow on purpose: an edit of
 * one dvc.yaml must not re-evaluate every params file of a monorepo.
 */
export class ViewInputs {
  /** Per-file lists, kept while the files present are the same and, for a dvc.yaml, its own text. */
  private readonly lists = new Map<string, { version: number; paths: string[] }>();

  constructor(private readonly versionOf: (path: string) => number) {}

  /** Files came or went: any list may differ. */
  forget(): void {
    this.lists.clear();
  }

  /** For one analysis: `versionsVersion` changes when the package versions that pinning fixes use may have. */
  dependencies(files: ProjectFiles, signals: Record<string, unknown>, versionsVersion: number): ViewDependencies {
    const shared = new Map<string, string>();
    const common = new Map<string, string[]>();
    const once = <T>(memo: Map<string, T>, key: string, make: () => T): T => {
      let value = memo.get(key);
      if (value === undefined) memo.set(key, (value = make()));
      return value;
    };
    return {
      viewShared: (view) =>
        once(shared, view, () => {
          switch (view) {
            case 'requirements': case 'conda': case 'bento':
              return `v${versionsVersion}`;
            case 'params':
              return `seed${!!signals['seed-key'] || !!signals['seed-call']}a${seedAnchor(files) ?? ''}`;
            case 'gha':
              return `t${!!signals['ci-tests']}a${ghaTestAnchor(files)}`;
            case 'gitlab':
              return `t${!!signals['ci-tests']}a${gitlabTestAnchor(files) ?? ''}`;
            default:
              return '';
          }
        }),
      // Which other files exist is no part of these: an evaluation notes what it asked (see ExistenceProbe).
      viewReads: (view, path) => {
        switch (view) {
          case 'dvc':
            return this.list(`dvc:${path}`, path, () => dvcParamsFiles(files, path));
          case 'params':
            return this.list(`params:${folderOf(path)}`, undefined, () => dvcFilesBeside(files, path).map((f) => f.path));
          case 'gha':
            return once(common, view, () => [...files.ofKind('python-version'), ...files.ofKind('pyproject')].map((f) => f.path));
          default:
            return once(common, view, () => (VIEW_INPUTS[view] ?? []).flatMap((k) => files.ofKind(k)).map((f) => f.path));
        }
      },
    };
  }

  private list(key: string, own: string | undefined, make: () => string[]): string[] {
    const version = own === undefined ? -1 : this.versionOf(own);
    const hit = this.lists.get(key);
    if (hit && hit.version === version) return hit.paths;
    const paths = make();
    this.lists.set(key, { version, paths });
    return paths;
  }
}
