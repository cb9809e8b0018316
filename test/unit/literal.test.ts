import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { requiredLiteral, requiredLiterals } from '../../server/src/core/model/literal';
import { toolCatalog } from '../../server/src/core/model/tool-catalog';
import { analyzeProject } from '../../server/src/core/engine';
import { filesUnder } from '../support/files';
import { makeRepo, removeRepo } from '../support/repo';

const ROOT = path.join(__dirname, '..', '..', '..');

function textsUnder(dir: string, ext: RegExp): string[] {
  return filesUnder(dir, ext).map((f) => fs.readFileSync(f, 'utf8'));
}

describe('required literals of code patterns', () => {
  it('keeps escaped characters in the literal and cuts at what may vary', () => {
    const cases: [string, string | undefined][] = [
      ['\\bpandas\\.read_\\w+\\s*\\(', 'pandas.read_'],
      ['\\.predict(_proba)?\\s*\\(', '.predict'],
      ['\\btf\\.data\\.\\w+', 'tf.data.'],
      ['mlflow\\.(log_metric|log_param)', 'mlflow.'],
      // `o+` is one `o`, then maybe more: "fooobar" holds "foo" and "obar", not "foobar".
      ['foo+bar', 'obar'],
      ['abc{2}de', 'abc'],
      ['ab?cde', 'cde'],
      ['a.b', undefined],
      ['^def\\s+x', 'def'],
      ['(abc){0,3}xy', undefined],
      ['x\\x41yz', undefined],
      ['one|two', undefined],
    ];
    for (const [source, literal] of cases) assert.strictEqual(requiredLiteral(source), literal, source);
  });

  it('gives one literal per alternative of a required choice', () => {
    assert.deepStrictEqual(requiredLiterals('\\b(KSDrift|MMDDrift)\\('), ['KSDrift', 'MMDDrift']);
    assert.deepStrictEqual(requiredLiterals('(ab|cdef)'), undefined, 'a piece shorter than three characters proves nothing');
  });

  it('every line of the examples and test fixtures that a catalog pattern matches holds one of its literals', () => {
    const corpus = [...textsUnder(path.join(ROOT, 'examples'), /\.(py|ipynb)$/), ...textsUnder(path.join(ROOT, 'test', 'unit'), /\.ts$/)]
      .flatMap((t) => t.split('\n'))
      // Fixtures are inside string literals: undo the escapes a Python line picks up there.
      .map((l) => l.replace(/\\n/g, '\n').replace(/\\'/g, "'").replace(/\\"/g, '"'));
    let matched = 0;
    for (const p of toolCatalog().codePatterns) {
      for (const line of corpus) {
        if (!p.re.test(line)) continue;
        matched++;
        assert.ok(p.literals === undefined || p.literals.some((l) => line.includes(l)), `${p.re.source} matches ${JSON.stringify(line)} without ${JSON.stringify(p.literals)}`);
      }
    }
    assert.ok(matched >= 30, `${matched} matches: the corpus exercises the patterns`);
  });

  it('finds a literal that starts inside another one\'s match', async () => {
    // `aiplatform.PipelineJob` matches first; `PipelineJobSchedule` starts inside it.
    const root = makeRepo({ 'schedule.py': 'from google.cloud import aiplatform\n\nschedule = aiplatform.PipelineJobSchedule(pipeline_job=job, display_name="nightly")\n' });
    try {
      const { model } = await analyzeProject(root);
      assert.deepStrictEqual(model.signals['schedule']?.map((e) => [e.file, e.range?.start.line, e.detail]), [['schedule.py', 2, 'calls PipelineJobSchedule(…)']]);
    } finally {
      removeRepo(root);
    }
  });
});
