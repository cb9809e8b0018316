import { formatPointer, isRecord, parsePointer, type StructuredDoc } from '../parse/document';
import { approximateKeyRange } from '../parse/yaml';
import { lineStart, type Range } from '../text';
import { RULE_HEAVY, type ProjectFiles } from './files';
import { isModelPath, type LfsPattern } from './lfs';
import type { SignalBook } from './signals';
import { folderOf } from '../paths';


const HYPER_KEY = /^(learning_rate|lr|batch_size|train_batch_size|eval_batch_size|epochs|num_epochs|n_epochs|max_epochs|max_steps|n_estimators|num_boost_round|max_depth|min_samples_(split|leaf)|dropout|dropout_rate|weight_decay|momentum|hidden_(size|dim|units)|num_layers|n_layers|embedding_dim|warmup_steps|gamma|alpha|l1_ratio|c|kernel|optimizer|num_leaves|subsample|colsample_bytree|test_size|val_size|seed|random_state|random_seed)$/i;
const SEED_KEY = /^(seed|random_state|random_seed|rng_seed|global_seed)$/i;
/** Folders whose Python modules and structured files are read as configuration. */
export const CONFIG_DIR = /(^|\/)(conf|config|configs|configuration|params|hparams)\//;

/** Hyperparameters in config files, and seed keys among them. */
export function findParams(files: ProjectFiles, book: SignalBook): void {
  for (const f of files.files) {
    const name = f.path.split('/').pop() ?? '';
    const isParamsFile = /^params\.(ya?ml|json|toml)$/.test(name);
    const structured = /\.(ya?ml|json|toml)$/.test(name) && (f.kind === 'yaml' || f.kind === 'json' || f.kind === 'toml' || f.kind === 'params' || isParamsFile);
    if (!structured || files.isEmpty(f.path)) continue;
    if (!isParamsFile && !CONFIG_DIR.test(f.path) && f.kind !== 'yaml') continue;
    const doc = name.endsWith('.json') ? files.json(f.path) : name.endsWith('.toml') ? files.toml(f.path) : files.yaml(f.path)?.documents[0];
    if (!doc || doc.problems.some((p) => p.severity === 'error')) continue;
    const keys = hyperKeys(doc.value);
    if (isParamsFile && isRecord(doc.value) && Object.keys(doc.value).length) {
      book.add('params-file', { file: f.path, range: lineStart(0), detail: `${f.path} holds parameters` });
    } else if (keys.length && (CONFIG_DIR.test(f.path) || keys.length >= 2)) {
      book.add('params-file', { file: f.path, range: keyRange(files, f.path, doc, keys[0].pointer), detail: `${f.path} sets ${keys.slice(0, 3).map((k) => k.key).join(', ')}` });
    }
    for (const k of keys) {
      if (SEED_KEY.test(k.key) && (typeof k.value === 'number' || /^\d+$/.test(String(k.value)))) {
        book.add('seed-key', { file: f.path, range: keyRange(files, f.path, doc, k.pointer), detail: `${k.key}: ${String(k.value)} in ${f.path}` });
      }
    }
  }
  for (const f of files.ofKind('mlproject')) {
    const value = files.yamlValue(f.path);
    const doc = files.yaml(f.path)?.documents[0];
    if (!isRecord(value) || !isRecord(value.entry_points) || !doc) continue;
    for (const [ep, def] of Object.entries(value.entry_points)) {
      if (isRecord(def) && isRecord(def.parameters) && Object.keys(def.parameters).length) {
        book.add('params-file', { file: f.path, range: doc.locate(`/entry_points/${ep}/parameters`, 'key'), detail: `MLproject entry point ${ep} declares parameters` });
        for (const p of Object.keys(def.parameters)) {
          if (SEED_KEY.test(p)) book.add('seed-key', { file: f.path, range: doc.locate(`/entry_points/${ep}/parameters/${p}`, 'key'), detail: `MLproject parameter ${p}` });
        }
      }
    }
  }
  for (const f of files.ofKind('python')) {
    if (!CONFIG_DIR.test(f.path)) continue;
    const code = files.code(f.path);
    const idx = code?.lines.findIndex((l) => /^\s*(learning_rate|lr|batch_size|epochs|max_epochs|n_estimators|max_depth|dropout|weight_decay|seed|random_state)\s*(:\s*\w+\s*)?=/i.test(l)) ?? -1;
    if (code && idx >= 0) {
      book.add('params-file', { file: f.path, range: code.rangeOfLine(idx), detail: `${f.path} defines hyperparameters` });
      const seed = code.lines.findIndex((l) => /^\s*(seed|random_state|random_seed)\s*(:\s*\w+\s*)?=\s*\d+/i.test(l));
      if (seed >= 0) book.add('seed-key', { file: f.path, range: code.rangeOfLine(seed), detail: `${f.path} fixes a seed` });
    }
  }
}

/**
 * Evidence positions in YAML come from reading lines, so that no config pays for a full parse;
 * files whose rules need positions anyway already have them at hand.
 */
function keyRange(files: ProjectFiles, path: string, doc: StructuredDoc, pointer: string): Range | undefined {
  if (RULE_HEAVY.has(files.get(path)?.kind ?? '')) return doc.locate(pointer, 'key');
  const lines = files.lines(path);
  const yaml = lines && /(\.ya?ml|(^|\/)MLproject)$/.test(path);
  return (yaml ? approximateKeyRange(lines, parsePointer(pointer)) : undefined) ?? doc.locate(pointer, 'key');
}

interface KeyHit {
  key: string;
  pointer: string;
  value: unknown;
}

/** The path to each value is kept as segments and written as a pointer only for a key that is reported. */
function hyperKeys(value: unknown, path: (string | number)[] = [], depth = 0, out: KeyHit[] = []): KeyHit[] {
  if (depth > 8 || out.length > 50) return out;
  if (isRecord(value)) {
    for (const k of Object.keys(value)) {
      const v = value[k];
      path.push(k);
      if (HYPER_KEY.test(k) && !isRecord(v) && !Array.isArray(v)) out.push({ key: k, pointer: formatPointer(path), value: v });
      hyperKeys(v, path, depth + 1, out);
      path.pop();
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      hyperKeys(value[i], path, depth + 1, out);
      path.pop();
    }
  }
  return out;
}

/** What git-lfs patterns version: data, model weights, or something else. */
export function lfsSignals(lfs: LfsPattern[], book: SignalBook): void {
  for (const p of lfs) {
    if (p.covers === 'data') book.add('data-versioning', { file: p.file, range: lineStart(p.line), detail: `git-lfs tracks ${p.pattern}`, tool: 'Git LFS' });
    else if (p.covers === 'model') book.add('model-versioning', { file: p.file, range: lineStart(p.line), detail: `git-lfs tracks ${p.pattern}`, tool: 'Git LFS' });
    else book.add('lfs-other', { file: p.file, range: lineStart(p.line), detail: `git-lfs tracks ${p.pattern} (not data)`, tool: 'Git LFS' });
  }
}

/** DVC pipeline outs (data and model), paths DVC tracks, and Kedro versioned datasets. */
export function findVersioning(files: ProjectFiles, book: SignalBook): Set<string> {
  const tracked = new Set<string>();
  for (const f of files.ofKind('dvc-pointer')) {
    if (files.isEmpty(f.path)) continue;
    const target = f.path.replace(/\.dvc$/, '');
    tracked.add(target);
    book.add(isModelPath(target) ? 'model-versioning' : 'data-versioning', { file: f.path, range: lineStart(0), detail: `DVC tracks ${target}`, tool: 'DVC' });
  }
  for (const f of files.ofKind('dvc-pipeline')) {
    const doc = files.yaml(f.path)?.documents[0];
    const value = files.yamlValue(f.path);
    if (!doc || !isRecord(value)) continue;
    const dir = folderOf(f.path);
    if (isRecord(value.stages) && Object.keys(value.stages).length) {
      book.add('dvc-stages', { file: f.path, range: keyRange(files, f.path, doc, '/stages'), detail: `${Object.keys(value.stages).length} DVC stage(s)`, tool: 'DVC' });
    }
    for (const [stage, def] of Object.entries(isRecord(value.stages) ? value.stages : {})) {
      if (!isRecord(def)) continue;
      for (const kind of ['outs', 'metrics', 'plots']) {
        const outs = Array.isArray(def[kind]) ? (def[kind] as unknown[]) : [];
        outs.forEach((o, i) => {
          const p = typeof o === 'string' ? o : isRecord(o) ? Object.keys(o)[0] : undefined;
          if (!p) return;
          const full = dir + p.replace(/^\.\//, '').replace(/\/$/, '');
          tracked.add(full);
          if (kind !== 'outs') return;
          const range = keyRange(files, f.path, doc, `/stages/${stage}/${kind}/${i}`);
          const signal = isModelPath(full) ? 'model-versioning' : 'data-versioning';
          book.add(signal, { file: f.path, range, detail: `DVC stage ${stage} outputs ${p}`, tool: 'DVC' });
        });
      }
    }
    if (isRecord(value.artifacts)) book.add('model-versioning', { file: f.path, range: keyRange(files, f.path, doc, '/artifacts'), detail: 'dvc.yaml declares artifacts', tool: 'DVC' });
  }
  for (const f of files.files) {
    if (!/(^|\/)catalog[^/]*\.ya?ml$/.test(f.path)) continue;
    const doc = files.yaml(f.path)?.documents[0];
    const value = files.yamlValue(f.path);
    if (!doc || !isRecord(value)) continue;
    for (const [name, entry] of Object.entries(value)) {
      if (!isRecord(entry) || entry.versioned !== true) continue;
      const isModel = /model|regressor|classifier|estimator/i.test(name) || /pickle|model/i.test(String(entry.type ?? ''));
      book.add(isModel ? 'model-versioning' : 'data-versioning', { file: f.path, range: keyRange(files, f.path, doc, `/${name}/versioned`), detail: `Kedro dataset ${name} is versioned`, tool: 'Kedro' });
    }
  }
  return tracked;
}

/** Non-empty Dockerfiles with a FROM, and devcontainers that build their own image. */
export function findContainers(files: ProjectFiles, book: SignalBook): void {
  for (const f of files.ofKind('devcontainer')) {
    const doc = files.json(f.path);
    const value = doc?.value;
    if (!isRecord(value)) continue;
    const build = isRecord(value.build) ? value.build : undefined;
    const dockerfile = build?.dockerfile ?? build?.dockerFile ?? value.dockerFile ?? value.dockerfile;
    // A dev container that only names a stock image captures nothing of the project's own.
    if (typeof dockerfile === 'string' || build) {
      book.add('container-image', { file: f.path, range: doc?.locate(build ? '/build' : '/dockerFile', 'key'), detail: `${f.path} builds its own image` });
    }
  }
  for (const f of files.ofKind('dockerfile')) {
    const docker = files.dockerfile(f.path);
    const from = docker?.instructions.find((i) => i.keyword === 'FROM');
    if (from) book.add('container-image', { file: f.path, range: from.range, detail: `${f.path} builds from ${from.args.split(/\s+/)[0]}` });
    else book.add('dockerfile-empty', { file: f.path, range: lineStart(0), detail: `${f.path} has no FROM instruction` });
  }
}

/** A web app or handler that loads a model and predicts, in one file, serves the model. */
export function findServingApps(book: SignalBook): void {
  const loads = book.filesOf('model-load');
  const predicts = book.filesOf('predict-call');
  for (const e of [...book.get('web-app'), ...book.get('serverless-handler')]) {
    if (loads.has(e.file) && predicts.has(e.file)) {
      book.add('serving', { ...e, detail: `${e.file} loads a model and serves predictions`, tool: e.tool });
    }
  }
}

