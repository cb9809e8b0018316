import type { Range } from '../text';
import type { Evidence } from '../types';

export interface CommandRef {
  text: string;
  file: string;
  line: number;
  job?: string;
  /** The CI file and line that called the script or Makefile target this command came from. */
  via?: { file: string; line: number };
}

export interface ActionRef {
  ref: string;
  file: string;
  line: number;
  job?: string;
}

export interface CiDefinition {
  system: string;
  file: string;
  /** False when the file does not parse or defines nothing to run: such a file runs nothing. */
  runnable: boolean;
  problem?: string;
  jobs: string[];
  commands: CommandRef[];
  actions: ActionRef[];
}

export interface Dependency {
  name: string;
  normalized: string;
  specifier: string;
  pinned: boolean;
  file: string;
  line: number;
  /** The requirement or key as written, for a diagnostic on exactly that. */
  range?: Range;
  dev: boolean;
}

export interface Manifest {
  file: string;
  format: string;
  dependencies: Dependency[];
}

export interface Lockfile {
  file: string;
  format: string;
  /** Third-party packages it locks (the project itself excluded). */
  locked: number;
}

export interface TestFile {
  file: string;
  /** Uses assert, pytest or unittest: it checks something. */
  asserts: boolean;
  /** Targets data, features, training, models or predictions by name or import. */
  ml: boolean;
}

export interface DetectedTool {
  id: string;
  name: string;
  signals: string[];
}

/**
 * Facts about one repository: what practice rules (JSON Schema, evaluated with ajv) look at.
 * `signals` maps a signal name to its evidence and holds only signals that were seen.
 */
export interface ProjectModel {
  root: string;
  files: { count: number; bytes: number; skipped: number };
  vcs: { git: boolean; gitRoot?: string };
  ci: CiDefinition[];
  dependencies: { manifests: Manifest[]; lockfiles: Lockfile[]; total: number; pinned: number; pinnedRatio: number };
  tools: DetectedTool[];
  tests: TestFile[];
  largeFiles: { file: string; size: number }[];
  signals: Record<string, Evidence[]>;
}
