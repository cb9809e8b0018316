import type { Severity } from '../types';

/** A value in a fix: literal JSON, or a `{fact}` template resolved per finding (no guess when a fact is missing). */
export type ValueSpec = unknown;

export type EditSpec =
  | { op: 'insert-key'; at: string; key: string; value: ValueSpec; file?: string }
  | { op: 'add-item'; at: string; after?: string; value: ValueSpec; file?: string }
  | { op: 'replace-value'; at: string; value: ValueSpec; file?: string }
  | { op: 'replace-key'; at: string; key: string; file?: string }
  | { op: 'item-to-mapping'; at: string; key: string; value: ValueSpec; file?: string }
  | { op: 'replace-text'; at: string; find: string; replace: string; all?: boolean; file?: string }
  | { op: 'insert-line'; at: string; where: 'before' | 'after' | 'end'; text: string; file?: string }
  | { op: 'delete-node'; at: string; file?: string }
  | { op: 'create-file'; path: string; text?: string; template?: string };

export interface FixSpec {
  title: string;
  /** Fix-all applies only safe fixes: they guess nothing and change nothing else. */
  safe?: boolean;
  /** Contains `${1:placeholder}` tab stops for editors; never applied by fix-all or the CLI. */
  snippet?: boolean;
  /** A JSON Schema over the finding's context ({keyword, param, fact, ...}): the fix is offered only when it holds. */
  when?: object;
  edits: EditSpec[];
}

export interface RuleTarget {
  /** File kinds (schemas/file-kinds.json) the rule reads; `project` is the project model itself. */
  kinds: string[];
  /** For project rules: the file their findings go on (default: the config file, else the README). */
  anchor?: string;
  /** A view that adds computed facts to the parsed document (rules/views.ts). */
  view?: string;
  /** Only files whose repo-relative path matches one of these globs. */
  globs?: string[];
}

export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  practice?: string;
  level: number;
  target: RuleTarget;
  /**
   * Template: {key}, {missing}, {value}, {pointer}, {parent}, {file}, {param.*}, {fact.*}, {seg.N};
   * or one template per ajv keyword with a `default`.
   */
  message: string | Record<string, string>;
  /** Pointer template where findings go instead of the error's own place. */
  reportAt?: string;
  rationale: string;
  examples?: { bad: string; good: string; file?: string };
  fixes?: FixSpec[];
  /** Says what the fix does, for the docs page (when there is no fix: why not). */
  fixDescription?: string;
  tags?: string[];
}

/** A rule as loaded: its metadata, compiled validator and where it came from. */
export interface LoadedRule {
  meta: RuleMeta;
  /** Repo-relative path of a custom rule file, or the built-in catalog path. */
  source: string;
  builtin: boolean;
  validate: import('ajv').ValidateFunction;
}
