import type { Range } from './text';
import type { Fix } from './fix/types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export type Verdict = 'met' | 'partial' | 'missing' | 'not-applicable';

/** Why a practice got its verdict: a place in the repo, repo-relative with forward slashes. */
export interface Evidence {
  file: string;
  range?: Range;
  detail: string;
  tool?: string;
}


export interface Finding {
  /** Stable id: a practice id (`ci.tests`) or a config rule id (`reqs/unpinned`). */
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  practice?: string;
  level?: number;
  /** Fixes in order of preference; their edits are exact, so no layer re-derives them from text. */
  fixes?: Fix[];
  /** The JSON pointer (in the file's document) the finding is about, when there is one. */
  pointer?: string;
  /** Set for hints about things that can go (e.g. unused suppressions). */
  unnecessary?: boolean;
}

export interface PracticeResult {
  id: string;
  title: string;
  level: number;
  category: string;
  weight: number;
  verdict: Verdict;
  /** One sentence saying what was found or what is missing. */
  summary: string;
  reason?: string;
  evidence: Evidence[];
}

export interface LevelProgress {
  level: number;
  name: string;
  credited: number;
  total: number;
  reached: boolean;
}

export interface CategoryScore {
  category: string;
  score: number;
  met: number;
  partial: number;
  missing: number;
}

export interface NextStep {
  practice: string;
  title: string;
  level: number;
  weight: number;
  verdict: Verdict;
  advice: string;
}

export interface ScoreCard {
  score: number;
  level: number;
  levelName: string;
  levels: LevelProgress[];
  categories: CategoryScore[];
  /** The missing/partial practices of the lowest level not yet reached, heaviest first. */
  nextSteps: NextStep[];
  nextLevel?: number;
}
