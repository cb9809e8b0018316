import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeProject } from '../../server/src/core/engine';
import { applyEdits } from '../../server/src/core/fix/apply';
import { planFixes } from '../../server/src/core/fix/write';
import { parseYaml } from '../../server/src/core/parse/yaml';
import { LineIndex } from '../../server/src/core/text';
import { makeRepo, removeRepo } from '../support/repo';

interface Shape {
  indent: number;
  crlf: boolean;
  bom: boolean;
  comments: boolean;
  blankLines: boolean;
  flowWith: boolean;
  quote: '' | '"' | "'";
  jobs: { name: string; timeout: boolean; setupPython: boolean; version: '' | '3.x' | '3.11'; install: 'pip' | 'poetry' | 'none'; cache: boolean; injection: boolean; pytest: boolean }[];
  permissions: boolean;
}

const jobArb = fc.record({
  name: fc.constantFrom('build', 'test', 'train', 'lint-and-test', 'eval_model'),
  timeout: fc.boolean(),
  setupPython: fc.boolean(),
  version: fc.constantFrom('' as const, '3.x' as const, '3.11' as const),
  install: fc.constantFrom('pip' as const, 'poetry' as const, 'none' as const),
  cache: fc.boolean(),
  injection: fc.boolean(),
  pytest: fc.boolean(),
});

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  indent: fc.constantFrom(2, 3, 4),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  comments: fc.boolean(),
  blankLines: fc.boolean(),
  flowWith: fc.boolean(),
  quote: fc.constantFrom('' as const, '"' as const, "'" as const),
  jobs: fc.uniqueArray(jobArb, { minLength: 1, maxLength: 3, selector: (j) => j.name }),
  permissions: fc.boolean(),
});

/** A workflow in the given style; every choice is one a real file might make. */
function render(s: Shape): string {
  const p = (n: number) => ' '.repeat(s.indent * n);
  const c = (text: string) => (s.comments ? `  # ${text}` : '');
  const q = (v: string) => `${s.quote}${v}${s.quote}`;
  const lines: string[] = [];
  if (s.comments) lines.push('# CI for the model');
  lines.push(`name: ${q('ci')}${c('name')}`, 'on:', `${p(1)}push:`, `${p(2)}branches: [main]`);
  if (s.permissions) lines.push('permissions:', `${p(1)}contents: read`);
  if (s.blankLines) lines.push('');
  lines.push('jobs:');
  for (const j of s.jobs) {
    if (s.comments) lines.push(`${p(1)}# job ${j.name}`);
    lines.push(`${p(1)}${j.name}:${c('job')}`, `${p(2)}runs-on: ubuntu-latest`);
    if (j.timeout) lines.push(`${p(2)}timeout-minutes: 30`);
    lines.push(`${p(2)}steps:`, `${p(3)}- uses: actions/checkout@v4${c('checkout')}`);
    if (j.setupPython) {
      lines.push(`${p(3)}- uses: actions/setup-python@v5`);
      const withEntries = [...(j.version ? [`python-version: ${'"'}${j.version}${'"'}`] : []), ...(j.cache ? ['cache: pip'] : [])];
      if (withEntries.length) {
        if (s.flowWith) lines.push(`${p(4)}with: {${withEntries.join(', ')}}${c('flow')}`);
        else lines.push(`${p(4)}with:`, ...withEntries.map((e) => `${p(5)}${e}`));
      }
    }
    if (s.blankLines) lines.push('');
    if (j.install === 'pip') lines.push(`${p(3)}- run: pip install -r requirements.txt${c('deps')}`);
    if (j.install === 'poetry') lines.push(`${p(3)}- run: poetry install`);
    if (j.injection) lines.push(`${p(3)}- run: echo "\${{ github.event.pull_request.title }}"`);
    if (j.pytest) lines.push(`${p(3)}- run: python -m pytest`);
  }
  if (s.comments) lines.push('# end');
  const text = lines.join(s.crlf ? '\r\n' : '\n') + (s.crlf ? '\r\n' : '\n');
  return (s.bom ? '\ufeff' : '') + text;
}

const FILE = '.github/workflows/ci.yml';

/** `npm run fuzz` raises the budget; `npm test` keeps a fixed seed and a bounded one. */
const RUNS = Number(process.env.MLM_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.MLM_FUZZ_SEED ?? 20261126);

/** A random edit a person might make while typing: a character or a line inserted or deleted somewhere. */
const mutationArb = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert-char', 'delete-char', 'insert-line', 'delete-line', 'none'), char: fc.constantFrom(' ', ':', '-', '#', '"', "'", '[', '{', 'x', '\t', '\n') });

function mutate(text: string, m: { at: number; kind: string; char: string }): string {
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const body = text.slice(bom.length);
  const at = body.length ? m.at % body.length : 0;
  const lineStart = body.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = body.indexOf('\n', at);
  switch (m.kind) {
    case 'insert-char': return bom + body.slice(0, at) + m.char + body.slice(at);
    case 'delete-char': return bom + body.slice(0, at) + body.slice(at + 1);
    case 'insert-line': return bom + body.slice(0, lineStart) + `  extra${m.char}: 1\n` + body.slice(lineStart);
    case 'delete-line': return bom + body.slice(0, lineStart) + (lineEnd < 0 ? '' : body.slice(lineEnd + 1));
    default: return text;
  }
}

describe('fixes keep every byte outside their edits (property, fixed seed)', () => {
  it('every offered fix parses, stops its finding, is idempotent and touches nothing else', async function () {
    this.timeout(120000);
    await fc.assert(
      fc.asyncProperty(shapeArb, mutationArb, async (shape, mutation) => {
        const original = mutate(render(shape), mutation);
        const root = makeRepo({ [FILE]: original, 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.11"\n' });
        try {
          const result = await analyzeProject(root);
          const findings = result.findings.filter((f) => f.file === FILE && f.fixes?.length);
          for (const finding of findings) {
            for (const fix of finding.fixes ?? []) {
              const changes = planFixes(root, [fix]);
              const change = changes.find((c) => c.file === FILE);
              assert.ok(change, `${finding.ruleId}: '${fix.title}' changes the file`);
              const after = change.after;
              assert.strictEqual(after.startsWith('\ufeff'), original.startsWith('\ufeff'), 'BOM kept');
              const body = after.replace(/^\ufeff/, '');
              assert.deepStrictEqual(parseYaml(body).problems, [], `${finding.ruleId}: result parses:\n${body}`);
              if (shape.crlf && !/[^\r]\n/.test(original)) assert.ok(!/[^\r]\n/.test(body), 'CRLF file stays CRLF');
              // Every byte outside the edited ranges is unchanged.
              const text = original.replace(/^\ufeff/, '');
              const index = new LineIndex(text);
              const edits = fix.edits.filter((e) => e.file === FILE).map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end), e.newText] as const).sort((a, b) => a[0] - b[0]);
              let cursor = 0;
              let out = 0;
              for (const [start, end, newText] of edits) {
                assert.strictEqual(body.slice(out, out + (start - cursor)), text.slice(cursor, start), 'bytes before an edit');
                out += start - cursor + newText.length;
                cursor = end;
              }
              assert.strictEqual(body.slice(out), text.slice(cursor), 'bytes after the last edit');
              assert.strictEqual(applyEdits(text, fix.edits).text, body, 'planFixes = applyEdits');
              // The finding is gone, and fixing again changes nothing.
              fs.writeFileSync(path.join(root, FILE), after);
              const again = await analyzeProject(root);
              const same = again.findings.filter((f) => f.file === FILE && f.ruleId === finding.ruleId && f.pointer === finding.pointer && f.message === finding.message);
              assert.deepStrictEqual(same.map((f) => f.message), [], `${finding.ruleId}: '${fix.title}' stops its finding\n${body}`);
              fs.writeFileSync(path.join(root, FILE), original);
            }
          }
        } finally {
          removeRepo(root);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
