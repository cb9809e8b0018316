/**
 * The messages between the ML Maturity client and server, beyond standard LSP. Both sides import
 * this file; it depends only on the protocol package, never on the core or on `vscode`.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export type Verdict = 'met' | 'partial' | 'missing' | 'not-applicable';

export interface CategoryBar {
  category: string;
  /** 0-100. */
  score: number;
  met: number;
  partial: number;
  missing: number;
}

export interface NextStepItem {
  practice: string;
  title: string;
  advice: string;
  verdict: Verdict;
}

/** The maturity of one workspace folder, as the status bar and the report show it. */
export interface FolderScore {
  folderUri: string;
  folderName: string;
  state: 'ready' | 'analysing' | 'error' | 'disabled';
  error?: string;
  score: number;
  level: number;
  levelName: string;
  targetLevel: number;
  nextLevel?: number;
  nextLevelName?: string;
  levels: { level: number; name: string; credited: number; total: number; reached: boolean }[];
  categories: CategoryBar[];
  nextSteps: NextStepItem[];
  findings: { errors: number; warnings: number; infos: number; hints: number };
  durationMs: number;
}

export interface EvidenceLink {
  /** file URI, with the 0-based line when there is one. */
  uri: string;
  line?: number;
  detail: string;
}

export interface PracticeRow {
  id: string;
  title: string;
  level: number;
  category: string;
  verdict: Verdict;
  weight: number;
  summary: string;
  evidence: EvidenceLink[];
  docsUri: string;
}

export interface FolderReport extends FolderScore {
  practices: PracticeRow[];
}

/** Server -> client: a folder's score changed (after each analysis), or its state did. */
export namespace ScoreNotification {
  export const method = 'mlmaturity/score';
  export const type = new NotificationType<FolderScore>(method);
}

/** Client -> server: the full report of a folder (the one holding `uri`, else the first). */
export interface ReportParams {
  uri?: string;
}
export namespace ReportRequest {
  export const method = 'mlmaturity/report';
  export const type = new RequestType<ReportParams, FolderReport | null, void>(method);
}

/** Client -> server: analyse every folder again now; resolves when done. */
export namespace ReanalyzeRequest {
  export const method = 'mlmaturity/reanalyze';
  export const type = new RequestType<Record<string, never>, void, void>(method);
}

/** Client -> server: the server's process id (for diagnostics, and for tests that stop it). */
export namespace ServerInfoRequest {
  export const method = 'mlmaturity/serverInfo';
  export const type = new RequestType<Record<string, never>, { pid: number; version: string }, void>(method);
}

/** Client -> server: the workspace was trusted (custom rule folders may now load). */
export namespace TrustNotification {
  export const method = 'mlmaturity/trust';
  export const type = new NotificationType<{ trusted: boolean }>(method);
}

/** `mlmaturity.*` settings, read per workspace folder (scope: resource). */
export interface Settings {
  enable: boolean;
  /** null: the project's config decides. */
  targetLevel: number | null;
  rules: Record<string, 'off' | 'hint' | 'info' | 'warning' | 'error'>;
  exclude: string[];
}

export interface InitializationOptions {
  trusted: boolean;
}

/**
 * What a diagnostic carries in `data`: the fixes on offer, and the document version they were made
 * for. Their edits are computed by the server when a code action asks for them (the finding is found
 * again by rule, range and message), so that publishing diagnostics costs no syntax tree.
 */
export interface DiagnosticData {
  ruleId: string;
  version: number | null;
  fixes: { title: string; safe: boolean; isPreferred: boolean }[];
}

export const FIX_ALL_KIND = 'source.fixAll.mlmaturity';

/**
 * Node options the server is started with, by the extension and by the tests and benchmark alike.
 * A young generation of 8 MB (V8's default is 16) helps keep the server of a 20,000-file workspace
 * under 200 MB through bursts of edits, at no measurable cost in latency (see bench/results).
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=8'];
