import { loadCatalog } from '../catalog';

export interface PracticeDefinition {
  id: string;
  level: number;
  category: string;
  title: string;
  description: string;
  /** One sentence: what is missing. */
  missing: string;
  partialText?: string;
  /** Imperative, lower case, for "next steps" ("version your data"). */
  advice: string;
  /** Two or three tools that would satisfy it. */
  tools: string[];
  met: object;
  partial?: object;
  /** Signals whose evidence explains a met or partial verdict. */
  evidence: string[];
  /** Signals that explain a missing verdict (a CI file that does not parse, an empty Dockerfile). */
  problems?: string[];
  /** One finding per evidence item of this signal instead of one per practice. */
  findingsPer?: string;
  /** Where a repository-level finding goes: signal names, or `kind:<file kind>`, first hit wins. */
  anchor?: string[];
}

export interface PracticeCatalog {
  levels: { level: number; name: string }[];
  levelThreshold: number;
  practices: PracticeDefinition[];
}

export function practiceCatalog(): PracticeCatalog {
  return loadCatalog<PracticeCatalog>('practices.json');
}

export function levelName(level: number): string {
  return practiceCatalog().levels.find((l) => l.level === level)?.name ?? `Level ${level}`;
}
