import type { MaturityConfig } from './config/config';
import type { ProjectModel } from './model/types';
import type { Finding, PracticeResult, ScoreCard } from './types';

export interface AnalyzeOptions {
  /** Settings that win over the project's config file (CLI flags, editor settings). */
  overrides?: Partial<MaturityConfig>;
  /** In-memory texts that win over the disk (open editor documents), by repo-relative path. */
  overlays?: Map<string, string>;
  signal?: AbortSignal;
  /** Load rules from the config's ruleFolders (off in untrusted workspaces). Default: on. */
  customRules?: boolean;
}

export interface AnalysisResult {
  root: string;
  config: MaturityConfig;
  configFile?: string;
  model: ProjectModel;
  practices: PracticeResult[];
  findings: Finding[];
  /**
   * The same findings by file, in the same order. A file's list is the very array of the session's
   * last analysis when its findings are the same objects as then: a publisher can skip it at a glance.
   */
  findingsByFile: ReadonlyMap<string, readonly Finding[]>;
  score: ScoreCard;
  stats: { files: number; read: number; durationMs: number };
  /** Rules that threw, isolated so that the others still ran. */
  ruleFailures: { rule: string; error: string }[];
}

export class AnalysisError extends Error {}
