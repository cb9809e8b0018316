import type { ScannedFile } from '../scan/walk';
import type { Evidence } from '../types';
import { CI_FILE_KINDS, findCiDefinitions } from './ci';
import { findLockfiles, findManifests } from './deps';
import type { ProjectFiles } from './files';
import { lfsPatterns, type LfsPattern } from './lfs';
import { CONFIG_DIR, findContainers, findParams, findVersioning } from './ml-facts';
import { findModelDocs, findPrecommit, findTests } from './repo-facts';
import { SignalBook } from './signals';
import { detectTools } from './tools';
import type { CiDefinition, DetectedTool, Lockfile, Manifest, TestFile } from './types';

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

export const NO_FACTS: FileFacts = { signals: [], tools: [], manifests: [], lockfiles: [], ci: [], tests: [], lfs: [], tracked: [] };

const kinds = (...list: string[]): ((f: ScannedFile) => boolean) => {
  // A set, not the list: ten of these are asked of each of 20,000 files.
  const set = new Set(list);
  return (f) => f.kind !== undefined && set.has(f.kind);
};
const STRUCTURED_NAME = /\.(ya?ml|json|toml)$/;
const KEDRO_CATALOG = /(^|\/)catalog[^/]*\.ya?ml$/;

/**
 * The files each finder can draw a fact from: by kind, or by name for the finders that go by path.
 * A file's facts are found by the finders that read it only; most files (Python, Markdown) are
 * read by two or three of the eleven. With MLM_CHECK_FACT_FINDERS set (every test run), all
 * finders run as well and a difference throws, so this table cannot silently drop a fact.
 */
const READS = {
  manifests: kinds('requirements', 'pyproject', 'pipfile', 'conda-env', 'python-env', 'setup-py', 'setup-cfg'),
  versioning: (f: ScannedFile) => f.kind === 'dvc-pointer' || f.kind === 'dvc-pipeline' || KEDRO_CATALOG.test(f.path),
  tests: kinds('python'),
  modelDocs: kinds('readme', 'markdown', 'yaml', 'json'),
  precommit: kinds('precommit'),
  params: (f: ScannedFile) => f.kind === 'mlproject' || STRUCTURED_NAME.test(f.path) || (f.kind === 'python' && CONFIG_DIR.test(f.path)),
  containers: kinds('devcontainer', 'dockerfile'),
  lockfiles: kinds('lockfile', 'requirements'),
  ci: kinds(...CI_FILE_KINDS),
  lfs: kinds('gitattributes'),
};
const EVERY_FINDER = Object.fromEntries(Object.keys(READS).map((k) => [k, () => true])) as unknown as typeof READS;
const CHECK_FINDERS = !!process.env.MLM_CHECK_FACT_FINDERS;

/** The facts of the one file a focus holds. Tools are looked for in every file: their globs name any path. */
export function computeFacts(focus: ProjectFiles, file: ScannedFile): FileFacts {
  const facts = factsWith(READS, focus, file);
  if (CHECK_FINDERS) {
    const all = factsWith(EVERY_FINDER, focus, file);
    if (JSON.stringify(all) !== JSON.stringify(facts)) throw new Error(`The finders' file table skips a fact of ${file.path} (${file.kind}): ${JSON.stringify(all)}`);
  }
  return facts;
}

const NONE: never[] = [];

function factsWith(reads: typeof READS, focus: ProjectFiles, file: ScannedFile): FileFacts {
  const book = new SignalBook();
  const manifests = reads.manifests(file) ? findManifests(focus) : NONE;
  const tools = detectTools(focus, manifests, book);
  const tracked = reads.versioning(file) ? findVersioning(focus, book) : undefined;
  const tests = reads.tests(file) ? findTests(focus, book) : NONE;
  if (reads.modelDocs(file)) findModelDocs(focus, book);
  if (reads.precommit(file)) findPrecommit(focus, book);
  if (reads.params(file)) findParams(focus, book);
  if (reads.containers(file)) findContainers(focus, book);
  const facts: FileFacts = {
    signals: book.entries(),
    tools,
    manifests,
    lockfiles: reads.lockfiles(file) ? findLockfiles(focus) : NONE,
    ci: reads.ci(file) ? findCiDefinitions(focus) : NONE,
    tests,
    lfs: reads.lfs(file) ? lfsPatterns(focus) : NONE,
    tracked: tracked ? [...tracked] : NONE,
  };
  // Most files say nothing: one shared empty answer rather than eight empty lists for each of them.
  const empty = !facts.signals.length && !tools.length && !manifests.length && !facts.lockfiles.length && !facts.ci.length && !tests.length && !facts.lfs.length && !facts.tracked.length;
  return empty ? NO_FACTS : facts;
}
