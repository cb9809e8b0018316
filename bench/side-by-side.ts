/**
 * Per-document validation, ours against yaml-language-server's, on the same documents with JSON
 * Schemas equivalent to what our rules check there. Both sides parse the document anew each time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildProjectModel } from '../server/src/core/model/build';
import { ProjectFiles } from '../server/src/core/model/files';
import { evaluateRules } from '../server/src/core/rules/evaluate';
import { builtinRules } from '../server/src/core/rules/load';
import { classify } from '../server/src/core/scan/classify';

export interface SideBySide {
  document: string;
  ours: { median: number };
  theirs: { median: number };
  ratio: number;
}

const SCHEMAS: Record<string, object> = {
  'github-workflow': {
    type: 'object', required: ['on', 'jobs'],
    anyOf: [{ required: ['permissions'] }, { properties: { jobs: { additionalProperties: { required: ['permissions'] } } } }],
    properties: {
      on: { type: ['string', 'array', 'object'] },
      jobs: {
        type: 'object', minProperties: 1,
        additionalProperties: {
          type: 'object', anyOf: [{ required: ['runs-on'] }, { required: ['uses'] }], required: ['timeout-minutes'],
          properties: { steps: { type: 'array', items: { type: 'object', anyOf: [{ required: ['uses'] }, { required: ['run'] }] } } },
        },
      },
    },
  },
  'dvc-pipeline': {
    type: 'object', additionalProperties: false,
    properties: {
      stages: {
        type: 'object',
        additionalProperties: {
          type: 'object', required: ['cmd', 'deps'], anyOf: [{ required: ['outs'] }, { required: ['metrics'] }, { required: ['plots'] }],
          properties: { cmd: { type: ['string', 'array'] }, deps: { type: 'array', items: { type: 'string', not: { pattern: '^/' } } }, outs: { type: 'array' }, params: { type: 'array' } },
        },
      },
      vars: { type: 'array' }, params: { type: 'array' }, metrics: { type: 'array' }, plots: { type: ['array', 'object'] }, artifacts: { type: 'object' },
    },
  },
};

// Both servers are long-lived: what an editor sees is the time once their code is compiled. With 20
// warm-up runs the first document's medians were still settling (ratios from 0.5 to 1.3 run to run).
const WARMUP = 100;

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
}

export async function compareWithYamlLanguageServer(repo: string, iterations: number): Promise<SideBySide[]> {
  // yaml-language-server is a devDependency, loaded only here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getLanguageService } = require('yaml-language-server') as typeof import('yaml-language-server');
  const out: SideBySide[] = [];
  for (const rel of ['.github/workflows/bench.yml', 'bench/dvc.yaml']) {
    const text = fs.readFileSync(path.join(repo, rel), 'utf8');
    const kind = classify(rel)!;
    const schema = SCHEMAS[kind];
    const ls = getLanguageService({ schemaRequestService: async () => JSON.stringify(schema), workspaceContext: { resolveRelativePath: (p: string) => p }, clientCapabilities: {} } as never);
    ls.configure({ validate: true, hover: false, completion: false, format: false, schemas: [{ uri: 'file:///schema.json', fileMatch: ['*.yml', '*.yaml'], schema }] } as never);
    const theirs: number[] = [];
    // Both sides get the same warm-up, so that neither is measured while its code is still being compiled.
    for (let i = -WARMUP; i < iterations; i++) {
      const doc = TextDocument.create(`file:///bench/${rel}`, 'yaml', i + WARMUP + 1, i % 2 ? `${text}\n` : text);
      const t0 = performance.now();
      await ls.doValidation(doc, false);
      if (i >= 0) theirs.push(performance.now() - t0);
    }

    const rules = builtinRules().filter((r) => r.meta.target.kinds.includes(kind));
    const file = { path: rel, kind, size: text.length };
    const model = buildProjectModel(new ProjectFiles([file], new Map([[rel, text]])), { root: repo, git: { present: false }, largeFileBytes: 1e7, skipped: 0 });
    const ours: number[] = [];
    for (let i = -WARMUP; i < iterations; i++) {
      const t0 = performance.now();
      // A fresh ProjectFiles: the document is parsed anew, as after an edit.
      const files = new ProjectFiles([file], new Map([[rel, i % 2 ? `${text}\n` : text]]));
      evaluateRules(rules, files, model, { targetLevel: 2, knownVersions: new Map(), projectAnchor: rel });
      if (i >= 0) ours.push(performance.now() - t0);
    }
    const o = median(ours);
    const t = median(theirs);
    out.push({ document: `${rel} (${text.split('\n').length - 1} lines)`, ours: { median: o }, theirs: { median: t }, ratio: o / t });
  }
  return out;
}
