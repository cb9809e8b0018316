import type { AnalysisResult, AnalyzeOptions } from './analysis';
import { ProjectSession } from './session';

export { AnalysisError, type AnalysisResult, type AnalyzeOptions } from './analysis';

/** One analysis of a folder: a session used once (the language server keeps its sessions). */
export function analyzeProject(rootPath: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  return new ProjectSession(rootPath, options, 'once').analyze();
}
