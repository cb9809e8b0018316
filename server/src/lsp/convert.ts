import path = require('path');
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { schemasDir } from '../core/catalog';
import type { AnalysisResult } from '../core/engine';
import type { Finding, Severity } from '../core/types';
import type { DiagnosticData, FolderReport, FolderScore } from '../protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

export function fileUri(root: string, rel: string): string {
  return pathToFileURL(path.join(root, rel)).href;
}

const docsUris = new Map<string, string>();

/** The rule's docs page shipped with the extension: opens offline. One URL per rule, made once. */
export function docsUri(ruleId: string): string {
  let uri = docsUris.get(ruleId);
  if (uri === undefined) docsUris.set(ruleId, (uri = pathToFileURL(path.join(schemasDir(), '..', 'docs', 'rules', `${ruleId.replace(/\//g, '-')}.md`)).href));
  return uri;
}

export function toDiagnostic(f: Finding, version: number | null): Diagnostic {
  const data: DiagnosticData = {
    ruleId: f.ruleId,
    version,
    fixes: (f.fixes ?? []).map((fix) => ({ title: fix.title, safe: fix.safe, isPreferred: fix.isPreferred })),
  };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: docsUri(f.ruleId) },
    source: 'ML Maturity',
    message: f.message,
    ...(f.unnecessary ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    data,
  };
}

export function toFolderScore(folderUri: string, folderName: string, result: AnalysisResult): FolderScore {
  const { score } = result;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const { findings } = result;
  for (let i = 0; i < findings.length; i++) counts[findings[i].severity]++;
  const next = score.levels.find((l) => l.level === score.nextLevel);
  return {
    folderUri, folderName, state: 'ready',
    score: score.score, level: score.level, levelName: score.levelName, targetLevel: result.config.targetLevel,
    ...(score.nextLevel !== undefined ? { nextLevel: score.nextLevel, nextLevelName: next?.name } : {}),
    levels: score.levels,
    categories: score.categories,
    nextSteps: score.nextSteps.map((s) => ({ practice: s.practice, title: s.title, advice: s.advice, verdict: s.verdict })),
    findings: { errors: counts.error, warnings: counts.warning, infos: counts.info, hints: counts.hint },
    durationMs: result.stats.durationMs,
  };
}

export function toFolderReport(score: FolderScore, result: AnalysisResult): FolderReport {
  return {
    ...score,
    practices: result.practices.map((p) => ({
      id: p.id, title: p.title, level: p.level, category: p.category, verdict: p.verdict, weight: p.weight, summary: p.summary,
      docsUri: docsUri(p.id),
      evidence: p.evidence.filter((e) => e.file !== '.git').slice(0, 10).map((e) => ({ uri: fileUri(result.root, e.file), ...(e.range ? { line: e.range.start.line } : {}), detail: e.detail })),
    })),
  };
}
