import type { CategoryScore, LevelProgress, NextStep, PracticeResult, ScoreCard } from '../types';
import { practiceCatalog } from './catalog';

const CREDIT = { met: 1, partial: 0.5, missing: 0 } as const;

function credit(r: PracticeResult): number {
  return r.verdict === 'not-applicable' ? 0 : CREDIT[r.verdict];
}

/**
 * Score = 100 x credited weight / total weight over applicable practices.
 * Level L is reached when every level l <= L has at least 75% of its weight credited.
 */
export function scorePractices(results: PracticeResult[]): ScoreCard {
  const catalog = practiceCatalog();
  const applicable = results.filter((r) => r.verdict !== 'not-applicable' && r.weight > 0);
  const total = applicable.reduce((n, r) => n + r.weight, 0);
  const credited = applicable.reduce((n, r) => n + r.weight * credit(r), 0);
  const score = total > 0 ? Math.round((1000 * credited) / total) / 10 : 0;

  const levels: LevelProgress[] = [];
  let level = 0;
  let blocked = false;
  for (const { level: l, name } of catalog.levels) {
    if (l === 0) continue;
    const of = applicable.filter((r) => r.level === l);
    const t = of.reduce((n, r) => n + r.weight, 0);
    const c = of.reduce((n, r) => n + r.weight * credit(r), 0);
    const reached = !blocked && (t === 0 || c >= catalog.levelThreshold * t);
    if (reached) level = l;
    else blocked = true;
    levels.push({ level: l, name, credited: round(c), total: round(t), reached });
  }

  const nextLevel = levels.find((l) => !l.reached)?.level;
  const nextSteps: NextStep[] = nextLevel === undefined ? [] : applicable
    .filter((r) => r.level === nextLevel && (r.verdict === 'missing' || r.verdict === 'partial'))
    .sort((a, b) => b.weight - a.weight || (a.verdict === b.verdict ? 0 : a.verdict === 'missing' ? -1 : 1))
    .map((r) => ({ practice: r.id, title: r.title, level: r.level, weight: r.weight, verdict: r.verdict, advice: catalog.practices.find((p) => p.id === r.id)?.advice ?? r.title }));

  const categories = [...new Set(results.map((r) => r.category))].map((category): CategoryScore => {
    const of = applicable.filter((r) => r.category === category);
    const t = of.reduce((n, r) => n + r.weight, 0);
    const c = of.reduce((n, r) => n + r.weight * credit(r), 0);
    return {
      category,
      score: t > 0 ? Math.round((100 * c) / t) : 0,
      met: of.filter((r) => r.verdict === 'met').length,
      partial: of.filter((r) => r.verdict === 'partial').length,
      missing: of.filter((r) => r.verdict === 'missing').length,
    };
  });

  return { score, level, levelName: catalog.levels.find((l) => l.level === level)?.name ?? '', levels, categories, nextSteps, nextLevel };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
