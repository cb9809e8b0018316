import type { AnalysisResult } from './engine';
import { docsUrl } from './rules/registry';
import type { Range } from './text';
import type { Evidence } from './types';

/** Bumped when a field changes meaning or goes away; adding fields keeps it. */
export const REPORT_FORMAT_VERSION = 1;

export interface ReportLocation {
  line: number;
  column: number;
}

export interface ReportRange {
  start: ReportLocation;
  end: ReportLocation;
}

/** The CLI's JSON output, described by schemas/report.schema.json. Lines and columns are 1-based. */
export interface JsonReport {
  formatVersion: number;
  tool: { name: string; version: string };
  root: string;
  configFile: string | null;
  score: number;
  level: number;
  levelName: string;
  targetLevel: number;
  levels: AnalysisResult['score']['levels'];
  categories: AnalysisResult['score']['categories'];
  nextSteps: AnalysisResult['score']['nextSteps'];
  practices: {
    id: string; title: string; level: number; category: string; weight: number; verdict: string; summary: string; reason?: string;
    evidence: { file: string; line?: number; detail: string; tool?: string }[];
  }[];
  findings: {
    ruleId: string; severity: string; message: string; file: string; range: ReportRange; practice?: string; level?: number; fixable: boolean; docs: string;
  }[];
  stats: { files: number; filesRead: number; durationMs: number };
}

export function toOneBased(r: Range): ReportRange {
  return { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } };
}

function evidence(e: Evidence) {
  return { file: e.file, ...(e.range ? { line: e.range.start.line + 1 } : {}), detail: e.detail, ...(e.tool ? { tool: e.tool } : {}) };
}

export function toJsonReport(result: AnalysisResult, version: string): JsonReport {
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    tool: { name: 'ml-maturity', version },
    root: result.root,
    configFile: result.configFile ?? null,
    score: result.score.score,
    level: result.score.level,
    levelName: result.score.levelName,
    targetLevel: result.config.targetLevel,
    levels: result.score.levels,
    categories: result.score.categories,
    nextSteps: result.score.nextSteps,
    practices: result.practices.map((p) => ({
      id: p.id, title: p.title, level: p.level, category: p.category, weight: p.weight, verdict: p.verdict, summary: p.summary,
      ...(p.reason ? { reason: p.reason } : {}),
      evidence: p.evidence.map(evidence),
    })),
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file, range: toOneBased(f.range),
      ...(f.practice ? { practice: f.practice, level: f.level } : {}),
      fixable: !!f.fixes?.length, docs: docsUrl(f.ruleId),
    })),
    stats: { files: result.stats.files, filesRead: result.stats.read, durationMs: result.stats.durationMs },
  };
}
