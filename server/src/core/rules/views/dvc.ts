import { formatPointer, isRecord, valueAt, type StructuredDoc } from '../../parse/document';
import type { ProjectFiles } from '../../model/files';
import { cloneValue, factView, type RuleDoc, type ViewContext } from '../view';
import { folderOf } from '../../paths';

const SCRIPT = /(?:^|[\s=])((?:\.\/)?[\w./-]+\.(?:py|sh|R|r|jl|ipynb))(?=\s|$)/g;
const MODULE = /\bpython[\d.]*\s+-m\s+([\w.]+)/g;

/** Facts about each DVC stage: scripts its cmd runs, whether each dep exists, whether each param is defined. */
export function dvcView(base: StructuredDoc, ctx: ViewContext): RuleDoc {
  const value = cloneValue(base.value);
  if (!isRecord(value) || !isRecord(value.stages)) return factView(base, value);
  const dir = folderOf(ctx.path);
  const outs = new Set<string>();
  for (const stage of Object.values(value.stages)) {
    if (!isRecord(stage)) continue;
    for (const kind of ['outs', 'metrics', 'plots']) for (const o of list(stage[kind])) { const p = outPath(o); if (p) outs.add(normal(dir + p)); }
  }
  // A dep another stage makes is an out, lies below one, or holds one: set lookups along the dep's
  // folders, not a pass over every out for each dep (a missing dep was compared with all of them).
  const holdsOut = new Set<string>();
  for (const o of outs) for (const folder of foldersOf(o)) holdsOut.add(folder);
  const exists = (p: string) => {
    const full = normal(dir + p);
    return ctx.files.has(full) || ctx.files.has(`${full}.dvc`) || ctx.files.hasDir(full) || outs.has(full) || holdsOut.has(full) || foldersOf(full).some((f) => outs.has(f));
  };
  for (const [name, stage] of Object.entries(value.stages)) {
    if (!isRecord(stage)) continue;
    const cmd = Array.isArray(stage.cmd) ? stage.cmd.join('\n') : typeof stage.cmd === 'string' ? stage.cmd : '';
    stage.$scripts = scriptsIn(cmd, dir, ctx.files);
    if (Array.isArray(stage.deps)) stage.$deps = stage.deps.map((d) => ({ path: String(d), exists: typeof d !== 'string' || exists(d) }));
    if (Array.isArray(stage.params)) stage.$params = stage.params.map((p) => paramFacts(p, dir, ctx.files));
    void name;
  }
  return factView(base, value);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function outPath(o: unknown): string | undefined {
  return typeof o === 'string' ? o : isRecord(o) ? Object.keys(o)[0] : undefined;
}

/** Every `x` with `p.startsWith(x + '/')`: the text before each slash. */
function foldersOf(p: string): string[] {
  const out: string[] = [];
  for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) out.push(p.slice(0, i));
  return out;
}

function normal(p: string): string {
  // Most paths are already plain: three replaces for each dep, out and script showed in a profile.
  if (!p.startsWith('./') && !p.includes('/./') && !p.endsWith('/')) return p;
  return p.replace(/^\.\//, '').replace(/\/\.\//g, '/').replace(/\/$/, '');
}

/** Scripts a stage's cmd runs that exist in the tree, repo-relative to the dvc.yaml folder. */
function scriptsIn(cmd: string, dir: string, files: ProjectFiles): string[] {
  const out: string[] = [];
  for (const m of cmd.matchAll(SCRIPT)) {
    const p = normal(m[1]);
    if (files.has(normal(dir + p)) && !out.includes(p)) out.push(p);
  }
  for (const m of cmd.matchAll(MODULE)) {
    const rel = m[1].replace(/\./g, '/');
    for (const candidate of [`${rel}.py`, `src/${rel}.py`, `${rel}/__main__.py`]) {
      if (files.has(normal(dir + candidate)) && !out.includes(candidate)) {
        out.push(candidate);
        break;
      }
    }
  }
  return out;
}

interface ParamFact {
  key: string;
  file: string;
  found: boolean;
  insertAt?: string;
  insertKey?: string;
  insertValue?: unknown;
}

/** A `params:` entry: `train.lr` (in params.yaml) or `{other.yaml: [a.b, c]}`. */
function paramFacts(entry: unknown, dir: string, files: ProjectFiles): ParamFact | Record<string, ParamFact[]> | { found: true } {
  if (typeof entry === 'string') return lookup(entry, dir + 'params.yaml', files);
  if (isRecord(entry)) {
    const out: Record<string, ParamFact[]> = {};
    for (const [file, keys] of Object.entries(entry)) out[file] = list(keys).map((k) => lookup(String(k), normal(dir + file), files));
    return out;
  }
  return { found: true };
}

function lookup(key: string, file: string, files: ProjectFiles): ParamFact {
  const doc = file.endsWith('.json') ? files.json(file) : file.endsWith('.toml') ? files.toml(file) : files.yaml(file)?.documents[0];
  const segments = key.split('.');
  const root = doc?.value ?? null;
  if (valueAt(root, segments) !== undefined) return { key, file, found: true };
  if (!file.match(/\.ya?ml$/)) return { key, file, found: false };
  // The deepest mapping that exists gets the rest of the key, with a placeholder value to fill in.
  let depth = 0;
  while (depth < segments.length - 1 && isRecord(valueAt(root, segments.slice(0, depth + 1)))) depth++;
  const rest = segments.slice(depth + 1).reduceRight<unknown>((acc, seg) => ({ [seg]: acc }), null);
  return {
    key, file, found: false,
    insertAt: formatPointer(segments.slice(0, depth)),
    insertKey: segments[depth],
    insertValue: rest,
  };
}
