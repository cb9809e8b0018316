import { isRecord } from '../parse/document';
import { lineStart } from '../text';
import type { ProjectFiles } from './files';
import type { LfsPattern } from './lfs';
import type { SignalBook } from './signals';
import type { TestFile } from './types';


/** A README with more than a title line: some prose, a list, or a code block. */
export function findReadme(files: ProjectFiles, book: SignalBook): void {
  const readmes = files.ofKind('readme').sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  for (const f of readmes) {
    const lines = files.lines(f.path);
    if (!lines) continue;
    const content: number[] = [];
    for (let i = 0; i < lines.lineCount; i++) {
      const t = lines.lineText(i).trim();
      if (!t || /^(#+\s|=+$|-+$|\[!\[|!\[|<!--)/.test(t) || (i === 0 && !/\s/.test(t))) continue;
      content.push(i);
    }
    if (content.length) {
      book.add('readme', { file: f.path, range: lineStart(0), detail: `${f.path} has ${lines.lineCount} lines of documentation` });
      return;
    }
    book.add('readme-empty', { file: f.path, range: lineStart(0), detail: `${f.path} has only a title` });
  }
}

const TEST_NAME = /(^|\/)(test_[^/]*\.py|[^/]*_test\.py|tests?\.py|conftest\.py)$/;
const TEST_DIR = /(^|\/)tests?\//;
const CHECKS = /\bassert\b|\bpytest\b|\bunittest\b|\bself\.assert\w*\s*\(|\bnp\.testing\b|\bnumpy\.testing\b|\bassert_\w+\s*\(|\bhypothesis\b/;
const ML_TEST_NAME = /(^|\/)test_?(data|dataset|datasets|features?|feature_engineering|preprocess\w*|train\w*|model\w*|predict\w*|inference|pipeline|eval\w*|metrics?|transform\w*|schema|validation|expectations?)\b/;
const ML_MODULE = /(^|\.)(data|dataset|datasets|features?|preprocess\w*|train\w*|models?|predict\w*|inference|pipelines?|evaluat\w*|transforms?)(\.|$)/;

export function findTests(files: ProjectFiles, book: SignalBook): TestFile[] {
  const out: TestFile[] = [];
  for (const f of files.ofKind('python')) {
    if (!TEST_NAME.test(f.path) && !TEST_DIR.test(f.path)) continue;
    if (f.path.endsWith('__init__.py')) continue;
    const code = files.code(f.path);
    if (!code) continue;
    const asserts = CHECKS.test(code.text);
    const imports = code.imports;
    const mlImport = imports.find((i) => ML_MODULE.test(i.path) || i.module === 'great_expectations');
    const ml = asserts && (ML_TEST_NAME.test(f.path) || !!mlImport);
    out.push({ file: f.path, asserts, ml });
    if (asserts) book.add('test-file', { file: f.path, detail: `${f.path} checks results` });
    else if (!f.path.endsWith('conftest.py')) book.add('test-file-no-checks', { file: f.path, detail: `${f.path} checks nothing (no assert, pytest or unittest)` });
    if (ml) {
      const where = mlImport ? code.rangeOfLine(mlImport.line) : undefined;
      book.add('ml-test', { file: f.path, range: where, detail: mlImport ? `${f.path} tests ${mlImport.path}` : `${f.path} tests data or model code` });
    }
  }
  return out;
}

/** Files over the threshold that git would track: not ignored (never scanned), not DVC-tracked, not covered by git-lfs. */
export function findLargeFiles(files: ProjectFiles, lfs: LfsPattern[], dvcTracked: Set<string>, thresholdBytes: number): { file: string; size: number }[] {
  const out: { file: string; size: number }[] = [];
  for (const f of files.files) {
    if (f.size <= thresholdBytes) continue;
    if (isUnder(f.path, dvcTracked) || lfs.some((p) => p.matches(f.path))) continue;
    out.push({ file: f.path, size: f.size });
  }
  return out;
}

function isUnder(path: string, tracked: Set<string>): boolean {
  if (tracked.has(path)) return true;
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    if (tracked.has(path.slice(0, i))) return true;
  }
  return false;
}

const CARD_FILE = /(^|\/)(model[_-]?card|dataset[_-]?card|data[_-]?card|datasheet)[^/]*\.(md|markdown|rst|txt|ya?ml|json)$/i;
const MODEL_SECTION = /^#{1,4}\s*(model(\s+(card|details|description|architecture|overview|performance))?|training(\s+data|\s+procedure|\s+details)?|(training\s+|evaluation\s+)?data(set)?s?|evaluation|metrics|results|benchmarks?|performance|limitations|intended\s+use|bias(\s+and\s+fairness)?)\s*$/im;
// `(?!\w)`, not `\b`, ends a metric: `\b` after "r²" asked for a letter to follow it. The escape keeps the bundles ASCII.
const METRIC_TABLE = /^\|.*\b(accuracy|acc|f1(-score)?|auc|roc[- ]auc|map|mAP|bleu|rouge(-\w+)?|perplexity|ppl|rmse|mae|mse|precision|recall|r2|r\u00b2|iou|wer|top-?[15])(?!\w).*\|/im;

/** Model or data documentation: a card file, or README/docs sections about the model, data, evaluation or results. */
export function findModelDocs(files: ProjectFiles, book: SignalBook): void {
  for (const f of files.ofKind('readme', 'markdown')) {
    const text = files.text(f.path);
    if (!text || files.isEmpty(f.path)) continue;
    if (CARD_FILE.test(f.path)) {
      book.add('model-card', { file: f.path, range: lineStart(0), detail: `${f.path} documents the model or data` });
      continue;
    }
    const section = MODEL_SECTION.exec(text);
    const table = METRIC_TABLE.exec(text);
    const hit = table ?? (section && hasBodyAfter(text, section.index + section[0].length) ? section : null);
    // The line index only for a hit: most Markdown files are not model cards, and each index is kept.
    const lines = hit ? files.lines(f.path) : undefined;
    if (hit && lines) {
      const at = lines.positionAt(hit.index).line;
      book.add('model-card', { file: f.path, range: lineStart(at), detail: table ? `${f.path} reports metrics in a results table` : `${f.path} has a "${hit[0].replace(/^#+\s*/, '').trim()}" section` });
    }
  }
  for (const f of files.ofKind('yaml', 'json')) {
    if (CARD_FILE.test(f.path) && !files.isEmpty(f.path)) book.add('model-card', { file: f.path, detail: `${f.path} documents the model or data` });
  }
}

function hasBodyAfter(text: string, offset: number): boolean {
  const rest = text.slice(offset).split(/\r?\n/).slice(1);
  for (const l of rest) {
    if (/^#{1,4}\s/.test(l)) return false;
    if (l.trim()) return true;
  }
  return false;
}

export function findPrecommit(files: ProjectFiles, book: SignalBook): void {
  const LINT_HOOKS = /^(ruff|ruff-format|ruff-check|flake8|black|black-jupyter|isort|mypy|pylint|pyright|basedpyright|autopep8|yapf|pydocstyle|pycodestyle|nbqa-\w+)$/;
  for (const f of files.ofKind('precommit')) {
    const doc = files.yaml(f.path)?.documents[0];
    const value = files.yamlValue(f.path);
    if (!doc || !isRecord(value) || !Array.isArray(value.repos)) continue;
    value.repos.forEach((repo, i) => {
      if (!isRecord(repo) || !Array.isArray(repo.hooks)) return;
      repo.hooks.forEach((hook, j) => {
        if (!isRecord(hook) || typeof hook.id !== 'string') return;
        const range = doc.locate(`/repos/${i}/hooks/${j}/id`);
        book.add('precommit-hook', { file: f.path, range, detail: `pre-commit hook ${hook.id}` });
        if (LINT_HOOKS.test(hook.id)) book.add('lint', { file: f.path, range, detail: `pre-commit runs ${hook.id}`, tool: hook.id });
      });
    });
  }
}
