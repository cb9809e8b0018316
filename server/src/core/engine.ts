import * as fs from 'fs';
import * as path from 'path';
import { loadConfig, type MaturityConfig } from './config/config';
import { buildProjectModel } from './model/build';
import { ProjectFiles } from './model/files';
import type { ProjectModel } from './model/types';
import { evaluatePractices, practiceFindings } from './practices/evaluate';
import { scorePractices } from './practices/score';
import { knownVersions } from './model/versions';
import { evaluateRules } from './rules/evaluate';
import { builtinRules, loadCustomRules } from './rules/load';
import { ruleRegistry } from './rules/registry';
import { scanWorkspace, yieldToEventLoop, type ScannedFile } from './scan/walk';
import { applySuppressions } from './suppress';
import { stripBom } from './text';
import type { Finding, PracticeResult, ScoreCard, Severity } from './types';

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
  score: ScoreCard;
  stats: { files: number; read: number; durationMs: number };
  /** Rules that threw, isolated so that the others still ran. */
  ruleFailures: { rule: string; error: string }[];
}

export class AnalysisError extends Error {}

export async function analyzeProject(rootPath: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const started = Date.now();
  const root = path.resolve(rootPath);
  const stat = await fs.promises.stat(root).catch(() => undefined);
  if (!stat) throw new AnalysisError(`${rootPath}: no such file or directory`);
  if (!stat.isDirectory()) throw new AnalysisError(`${rootPath}: not a directory`);
  try {
    await fs.promises.access(root, fs.constants.R_OK | fs.constants.X_OK);
  } catch {
    throw new AnalysisError(`${rootPath}: permission denied`);
  }

  const readRootFile = (name: string) => {
    const overlay = options.overlays?.get(name);
    if (overlay !== undefined) return overlay;
    try {
      return stripBom(fs.readFileSync(path.join(root, name), 'utf8'));
    } catch {
      return undefined;
    }
  };
  const loaded = loadConfig(readRootFile, new Set(ruleRegistry().keys()));
  const config: MaturityConfig = { ...loaded.config, ...definedOnly(options.overrides) };
  config.rules = { ...loaded.config.rules, ...(options.overrides?.rules ?? {}) };
  config.practices = { ...loaded.config.practices, ...(options.overrides?.practices ?? {}) };
  // Editor excludes add to the project's own; neither can re-include what the other leaves out.
  config.exclude = [...loaded.config.exclude, ...(options.overrides?.exclude ?? [])];

  const scan = await scanWorkspace(root, { exclude: config.exclude, signal: options.signal });
  const texts = await readTexts(root, scan.files, config.maxFileSizeMB * 1048576, options.overlays);
  const files = new ProjectFiles(scan.files, texts);
  const git = scan.gitAtRoot ? { present: true, root: '.' } : findGitAncestor(root);
  const model = buildProjectModel(files, { root, git, largeFileBytes: config.largeFileThresholdMB * 1048576, skipped: scan.skipped.length });

  const settings = { targetLevel: config.targetLevel, weights: config.practices, severities: config.rules };
  const practices = evaluatePractices(model, settings);

  const custom = options.customRules === false || !config.ruleFolders.length
    ? { rules: [], problems: [] }
    : loadCustomRules(root, config.ruleFolders, new Set(ruleRegistry().keys()));
  const versions = await knownVersions(files, root, scan.environments);
  const projectAnchor = loaded.file ?? files.ofKind('readme')[0]?.path ?? files.files[0]?.path ?? 'README.md';
  const ruled = evaluateRules([...builtinRules(), ...custom.rules], files, model, { targetLevel: config.targetLevel, knownVersions: versions, projectAnchor });

  const findings = [
    ...loaded.problems,
    ...custom.problems,
    ...files.problems.map((p): Finding => ({ ruleId: p.ruleId, severity: p.severity, message: p.message, file: p.file, range: p.range })),
    ...withoutRepeats(practiceFindings(practices, model, files, settings), ruled.findings),
    ...ruled.findings,
  ];
  const configured = applySeverities(applySuppressions(findings, files), config.rules);
  return {
    root, config, configFile: loaded.file, model, practices,
    findings: sortFindings(dedupe(configured)),
    score: scorePractices(practices),
    stats: { files: scan.files.length, read: texts.size, durationMs: Date.now() - started },
    ruleFailures: ruled.failures,
  };
}

/**
 * A config rule that feeds a practice says the same thing more precisely (reqs/unpinned per line
 * rather than deps.pinned): where one fired in a file, the practice's own finding there goes.
 */
function withoutRepeats(practiceFindings: Finding[], ruleFindings: Finding[]): Finding[] {
  const covered = new Set(ruleFindings.filter((f) => f.practice).map((f) => `${f.practice}|${f.file}`));
  return practiceFindings.filter((f) => !covered.has(`${f.practice}|${f.file}`));
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Reads every classified file under the size cap; binary files (a NUL byte) are not text. */
async function readTexts(root: string, files: ScannedFile[], maxBytes: number, overlays?: Map<string, string>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  let n = 0;
  for (const f of files) {
    if (!f.kind || f.size > maxBytes) continue;
    const overlay = overlays?.get(f.path);
    if (overlay !== undefined) {
      texts.set(f.path, overlay);
      continue;
    }
    try {
      const buf = fs.readFileSync(path.join(root, f.path));
      if (!buf.subarray(0, 8192).includes(0)) texts.set(f.path, stripBom(buf.toString('utf8')));
    } catch {
      // Vanished or unreadable since the scan: it simply gives no evidence.
    }
    if (++n % 256 === 0) await yieldToEventLoop();
  }
  return texts;
}

function findGitAncestor(root: string): { present: boolean; root?: string } {
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return { present: true, root: dir };
    if (path.dirname(dir) === dir) return { present: false };
  }
}

function applySeverities(findings: Finding[], rules: Record<string, string>): Finding[] {
  return findings.flatMap((f) => {
    const s = rules[f.ruleId];
    if (s === 'off') return [];
    return s ? [{ ...f, severity: s as Severity }] : [f];
  });
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}|${f.file}|${f.range.start.line}:${f.range.start.character}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}
