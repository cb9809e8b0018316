import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeProject, type AnalysisResult, type AnalyzeOptions } from '../../server/src/core/engine';
import type { PracticeResult, Verdict } from '../../server/src/core/types';

export type RepoFiles = Record<string, string | Buffer>;

/** Writes a throwaway repository from inline fixtures; the caller removes it. */
export function makeRepo(files: RepoFiles): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlm-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

export function removeRepo(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

export async function analyzeFiles(files: RepoFiles, options?: AnalyzeOptions): Promise<AnalysisResult> {
  const root = makeRepo(files);
  try {
    return await analyzeProject(root, options);
  } finally {
    removeRepo(root);
  }
}

export function practiceOf(result: AnalysisResult, id: string): PracticeResult {
  const p = result.practices.find((x) => x.id === id);
  assert.ok(p, `practice ${id} is evaluated`);
  return p;
}

export interface PracticeCase {
  name: string;
  files: RepoFiles;
  verdict: Verdict;
  /** For met/partial: a file among the evidence. For missing: the file the finding is anchored on. */
  file?: string;
  /** For met/partial: the 1-based line of that evidence. */
  line?: number;
}

/** One mocha test per case: the verdict, and the evidence (or finding) file and line. */
export function practiceCases(id: string, cases: PracticeCase[]): void {
  describe(id, () => {
    for (const c of cases) {
      it(`${c.verdict}: ${c.name}`, async () => {
        const result = await analyzeFiles(c.files);
        const p = practiceOf(result, id);
        assert.strictEqual(p.verdict, c.verdict, `${id} verdict; evidence: ${JSON.stringify(p.evidence.slice(0, 3))}`);
        if (!c.file) return;
        if (c.verdict === 'missing') {
          // The practice's own finding, or that of a config rule that feeds it and says it more precisely.
          const finding = result.findings.find((f) => f.ruleId === id) ?? result.findings.find((f) => f.practice === id && f.file === c.file);
          assert.ok(finding, `a finding for ${id}`);
          assert.strictEqual(finding.file, c.file, `finding anchored on ${c.file}`);
          if (c.line !== undefined) assert.strictEqual(finding.range.start.line + 1, c.line);
        } else {
          const inFile = p.evidence.filter((e) => e.file === c.file);
          assert.ok(inFile.length, `evidence in ${c.file}; got ${JSON.stringify(p.evidence.map((e) => e.file))}`);
          if (c.line !== undefined) {
            const lines = inFile.map((e) => (e.range ? e.range.start.line + 1 : undefined));
            assert.ok(lines.includes(c.line), `evidence at line ${c.line}; got lines ${JSON.stringify(lines)}`);
          }
        }
      });
    }
  });
}

export const GIT = { '.git/HEAD': 'ref: refs/heads/main\n' };
