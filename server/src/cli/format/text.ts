import path = require('path');
import type { AnalysisResult } from '../../core/engine';
import type { Finding, PracticeResult, Severity } from '../../core/types';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  blue(s: string): string;
}

const ansi = (code: number) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
export const COLOUR: Style = { bold: ansi(1), dim: ansi(2), red: ansi(31), yellow: ansi(33), green: ansi(32), blue: ansi(36) };
export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, green: (s) => s, blue: (s) => s };

const MARK: Record<PracticeResult['verdict'], string> = { met: '✓', partial: '◐', missing: '✗', 'not-applicable': '–' };

export function formatText(result: AnalysisResult, style: Style, quiet: boolean): string {
  const out: string[] = [];
  const { score } = result;
  const name = path.basename(result.root);
  const bar = progressBar(score.score);
  out.push(`${style.bold('ML Maturity')} ${style.dim('·')} ${name}`);
  out.push(`${style.bold(`Level ${score.level} ${score.levelName}`)}  ${style.dim('·')}  score ${style.bold(String(score.score))}/100 ${bar}  ${style.dim(`(target: Level ${result.config.targetLevel})`)}`);
  if (quiet) return out.join('\n') + '\n';

  out.push('');
  for (const l of score.levels) {
    const practices = result.practices.filter((p) => p.level === l.level);
    const marks = practices.map((p) => colourMark(p, style)).join('');
    const state = l.reached ? style.green('reached') : style.dim('not yet');
    out.push(`  L${l.level} ${l.name.padEnd(13)} ${marks.padEnd(1)}  ${fmt(l.credited)}/${fmt(l.total)}  ${state}`);
  }

  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    out.push('', style.bold(style.blue(file)));
    for (const f of findings) {
      const pos = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      out.push(`  ${style.dim(pos.padEnd(7))} ${severity(f.severity, style)}  ${f.message}  ${style.dim(f.ruleId)}`);
    }
  }

  if (score.nextSteps.length && score.nextLevel !== undefined) {
    const target = score.levels.find((l) => l.level === score.nextLevel);
    out.push('', style.bold(`Next steps to reach Level ${score.nextLevel}${target ? ` (${target.name})` : ''}:`));
    score.nextSteps.forEach((s, i) => out.push(`  ${i + 1}. ${s.advice} ${style.dim(`(${s.practice}${s.verdict === 'partial' ? ', partly there' : ''})`)}`));
  } else if (score.nextLevel === undefined) {
    out.push('', style.green('Every level is reached.'));
  }

  const counts = count(result.practices);
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  out.push('', style.dim(`${counts.met} met · ${counts.partial} partial · ${counts.missing} missing${counts.na ? ` · ${counts.na} off` : ''} of ${result.practices.length} practices; ${errors} errors, ${warnings} warnings; ${result.stats.files} files in ${result.stats.durationMs} ms`));
  return out.join('\n') + '\n';
}

function colourMark(p: PracticeResult, style: Style): string {
  const mark = MARK[p.verdict];
  return p.verdict === 'met' ? style.green(mark) : p.verdict === 'partial' ? style.yellow(mark) : p.verdict === 'missing' ? style.red(mark) : style.dim(mark);
}

function severity(s: Severity, style: Style): string {
  const label = s.padEnd(7);
  return s === 'error' ? style.red(label) : s === 'warning' ? style.yellow(label) : style.dim(label);
}

function progressBar(score: number): string {
  const filled = Math.round(score / 10);
  return '█'.repeat(filled) + '░'.repeat(10 - filled);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function count(practices: PracticeResult[]) {
  return {
    met: practices.filter((p) => p.verdict === 'met').length,
    partial: practices.filter((p) => p.verdict === 'partial').length,
    missing: practices.filter((p) => p.verdict === 'missing').length,
    na: practices.filter((p) => p.verdict === 'not-applicable').length,
  };
}
