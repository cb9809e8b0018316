import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeProject } from '../../server/src/core/engine';
import { planFixes, writeChanges } from '../../server/src/core/fix/write';
import type { Finding } from '../../server/src/core/types';
import { makeRepo, removeRepo, type RepoFiles } from './repo';

export interface RuleCase {
  name: string;
  /** The file the rule reads, and its failing text. */
  file: string;
  bad: string;
  /** Other files of the repository. */
  repo?: RepoFiles;
  /** Exact range of the first finding in the file: [startLine, startChar, endLine, endChar], 0-based. */
  range: [number, number, number, number];
  message: string | RegExp;
  /** How many findings of the rule the file gets. */
  count?: number;
  /** The file's text after the preferred fix; omitted when the rule offers no fix here. */
  fixed?: string;
  /** Other files after the fix (created or edited). */
  fixedFiles?: RepoFiles;
  /** A text of the file where the rule does not fire. */
  good?: string;
}

async function findingsOf(root: string, id: string, file: string): Promise<Finding[]> {
  const result = await analyzeProject(root);
  return result.findings.filter((f) => f.ruleId === id && f.file === file);
}

/** Per case: exact range and message; the fix's exact text; the rule stops firing; a second fix changes nothing; the good text passes. */
export function ruleCases(id: string, cases: RuleCase[]): void {
  describe(id, () => {
    for (const c of cases) {
      it(c.name, async () => {
        const root = makeRepo({ ...(c.repo ?? {}), [c.file]: c.bad });
        try {
          const found = await findingsOf(root, id, c.file);
          assert.ok(found.length > 0, `${id} fires on ${c.file}`);
          const [sl, sc, el, ec] = c.range;
          assert.deepStrictEqual(found[0].range, { start: { line: sl, character: sc }, end: { line: el, character: ec } }, 'range');
          if (typeof c.message === 'string') assert.strictEqual(found[0].message, c.message);
          else assert.match(found[0].message, c.message);
          if (c.count !== undefined) assert.strictEqual(found.length, c.count, 'number of findings');
          const fix = found[0].fixes?.[0];
          if (c.fixed === undefined) {
            assert.strictEqual(fix, undefined, `no fix expected, got ${fix?.title}`);
          } else {
            assert.ok(fix, 'a fix');
            assert.strictEqual(fix.isPreferred, true);
            writeChanges(root, planFixes(root, found.map((f) => f.fixes?.[0]).filter((f) => f !== undefined)));
            assert.strictEqual(fs.readFileSync(path.join(root, c.file), 'utf8'), c.fixed, 'text after the fix');
            for (const [other, text] of Object.entries(c.fixedFiles ?? {})) assert.strictEqual(fs.readFileSync(path.join(root, other), 'utf8'), text, other);
            const fixedMessages = new Set(found.filter((f) => f.fixes?.length).map((f) => f.message));
            const after = await findingsOf(root, id, c.file);
            assert.deepStrictEqual(after.filter((f) => fixedMessages.has(f.message)).map((f) => f.message), [], 'the rule no longer fires where it was fixed');
            const again = planFixes(root, after.flatMap((f) => f.fixes ?? []));
            assert.deepStrictEqual(again, [], 'fixing again changes nothing');
          }
        } finally {
          removeRepo(root);
        }
        if (c.good !== undefined) {
          const goodRoot = makeRepo({ ...(c.repo ?? {}), [c.file]: c.good });
          try {
            assert.deepStrictEqual((await findingsOf(goodRoot, id, c.file)).map((f) => f.message), [], 'no finding on the good text');
          } finally {
            removeRepo(goodRoot);
          }
        }
      });
    }
  });
}
