import { isRecord, type StructuredDoc } from '../../parse/document';
import { cloneValue, factView, type RuleDoc, type ViewContext } from '../view';
import { projectPythonVersion } from './project-python';
import type { ProjectFiles } from '../../model/files';
import { folderOf } from '../../paths';
import type { ScannedFile } from '../../scan/walk';

/** GitLab CI: whether any CI of the project runs tests, and whether this file is where to say so. */
export function gitlabView(base: StructuredDoc, ctx: ViewContext): RuleDoc {
  const value = cloneValue(base.value);
  if (!isRecord(value)) return factView(base, value);
  value.$projectRunsTests = !!ctx.model.signals['ci-tests'];
  value.$isTestAnchor = ctx.path === gitlabTestAnchor(ctx.files);
  value.$testJob = 'test' in value ? 'unit-tests' : 'test';
  return factView(base, value);
}

/** The GitLab CI file where a missing test job is reported: one per project. */
export function gitlabTestAnchor(files: ProjectFiles): string | undefined {
  return files.ofKind('gitlab-ci').map((f) => f.path).sort()[0];
}

/** The params file where a missing seed is reported: the shallowest, then the first by name. */
export function seedAnchor(files: ProjectFiles): string | undefined {
  return files.ofKind('params').map((f) => f.path).sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))[0];
}

/** dvc.yaml files by folder, per file list: every params file of a monorepo asks, and a list's files never change. */
const dvcByFolder = new WeakMap<ProjectFiles, Map<string, ScannedFile[]>>();

/** The dvc.yaml files in a file's own folder (the session keys the params view's results on them). */
export function dvcFilesBeside(files: ProjectFiles, path: string): ScannedFile[] {
  let byFolder = dvcByFolder.get(files);
  if (!byFolder) {
    byFolder = new Map();
    for (const f of files.ofKind('dvc-pipeline')) {
      const dir = folderOf(f.path);
      byFolder.set(dir, [...(byFolder.get(dir) ?? []), f]);
    }
    dvcByFolder.set(files, byFolder);
  }
  return byFolder.get(folderOf(path)) ?? [];
}

/** The params files a dvc.yaml reads: the default one beside it, and every file its stages name. */
export function dvcParamsFiles(files: ProjectFiles, path: string): string[] {
  const names = new Set(['params.yaml', 'params.yml', 'params.json', 'params.toml']);
  const value = files.yamlValue(path) as { stages?: Record<string, { params?: unknown[] }> } | undefined;
  for (const stage of Object.values(value?.stages ?? {})) {
    for (const p of Array.isArray(stage?.params) ? stage.params : []) if (p && typeof p === 'object') for (const k of Object.keys(p)) names.add(k.replace(/^\.\//, ''));
  }
  return [...names].map((n) => folderOf(path) + n).filter((p) => files.has(p));
}

/** params files: whether the project fixes a seed anywhere, and which top-level keys dvc.yaml stages read. */
export function paramsView(base: StructuredDoc, ctx: ViewContext): RuleDoc {
  const value = cloneValue(base.value);
  if (!isRecord(value)) return factView(base, value);
  value.$projectHasSeed = !!ctx.model.signals['seed-key'] || !!ctx.model.signals['seed-call'];
  value.$isSeedAnchor = ctx.path === seedAnchor(ctx.files);
  // The dvc.yaml files that can read it: beside it (the default params file), or naming it.
  const dvcFiles = dvcFilesBeside(ctx.files, ctx.path);
  if (dvcFiles.length && /(^|\/)params\.ya?ml$/.test(ctx.path)) {
    const used = new Set<string>();
    let readsWholeFile = false;
    for (const f of dvcFiles) {
      const dvc = ctx.files.yamlValue(f.path);
      if (!isRecord(dvc) || !isRecord(dvc.stages)) continue;
      for (const stage of Object.values(dvc.stages)) {
        if (!isRecord(stage) || !Array.isArray(stage.params)) continue;
        for (const p of stage.params) {
          if (typeof p === 'string') used.add(p.split('.')[0]);
          else if (isRecord(p)) for (const [file, keys] of Object.entries(p)) {
            if (!ctx.path.endsWith(file.replace(/^\.\//, ''))) continue;
            if (Array.isArray(keys) && keys.length) keys.forEach((k) => used.add(String(k).split('.')[0]));
            else readsWholeFile = true;
          }
        }
      }
    }
    if (!readsWholeFile) value.$keys = Object.fromEntries(Object.keys(value).filter((k) => !k.startsWith('$')).map((k) => [k, { used: used.has(k) }]));
  }
  return factView(base, value);
}

/** MLproject: each parameter's type inferred from its default, and a python_env.yaml to create from the requirements. */
export function mlprojectView(base: StructuredDoc, ctx: ViewContext): RuleDoc {
  const value = cloneValue(base.value);
  if (!isRecord(value)) return factView(base, value);
  if (isRecord(value.entry_points)) {
    for (const ep of Object.values(value.entry_points)) {
      if (!isRecord(ep) || !isRecord(ep.parameters)) continue;
      for (const param of Object.values(ep.parameters)) {
        if (!isRecord(param) || !('default' in param)) continue;
        const d = param.default;
        param.$inferredType = typeof d === 'number' ? (Number.isInteger(d) && !/\./.test(String(d)) ? 'int' : 'float') : typeof d === 'string' && /[/\\]|\.\w{2,5}$/.test(d) ? 'path' : 'string';
      }
    }
  }
  const dir = folderOf(ctx.path);
  const python = projectPythonVersion(ctx.files);
  const deps = ctx.model.dependencies.manifests.filter((m) => m.format === 'requirements' && !m.dependencies.every((d) => d.dev)).flatMap((m) => m.dependencies.filter((d) => !d.dev));
  if (python && deps.length) {
    value.$envFile = `${dir}python_env.yaml`;
    value.$pythonEnv = [`python: "${python}"`, 'build_dependencies:', '  - pip', 'dependencies:', ...deps.map((d) => `  - ${d.name}${d.specifier}`), ''].join('\n');
  }
  return factView(base, value);
}
