import { isRecord } from '../parse/document';
import type { Range } from '../text';
import { normalizeName, parseRequirement } from '../parse/requirements';
import type { Dependency, Lockfile, Manifest } from './types';
import type { ProjectFiles } from './files';

const DEV_FILE = /(^|[-_./])(dev|test|tests|testing|lint|docs?|ci)([-_.]|$)/i;
/** The interpreter and installer are the environment itself, not dependencies of the project. */
const CONDA_ENVIRONMENT = new Set(['python', 'pip']);

export function findManifests(files: ProjectFiles): Manifest[] {
  const out: Manifest[] = [];
  for (const f of files.ofKind('requirements')) {
    const reqs = files.requirements(f.path);
    if (!reqs) continue;
    const dev = DEV_FILE.test(f.path.split('/').pop() ?? '');
    out.push({
      file: f.path, format: 'requirements',
      dependencies: reqs.requirements.map((r) => ({ name: r.name, normalized: r.normalized, specifier: r.specifier || r.url || '', pinned: r.pinned, file: f.path, line: r.line, range: r.range, dev })),
    });
  }
  for (const f of files.ofKind('pyproject')) out.push({ file: f.path, format: 'pyproject', dependencies: pyprojectDependencies(files, f.path) });
  for (const f of files.ofKind('pipfile')) out.push({ file: f.path, format: 'Pipfile', dependencies: pipfileDependencies(files, f.path) });
  for (const f of files.ofKind('conda-env', 'python-env')) out.push({ file: f.path, format: f.kind === 'conda-env' ? 'conda' : 'python_env', dependencies: condaDependencies(files, f.path) });
  for (const f of files.ofKind('setup-py')) out.push({ file: f.path, format: 'setup.py', dependencies: setupPyDependencies(files, f.path) });
  for (const f of files.ofKind('setup-cfg')) out.push({ file: f.path, format: 'setup.cfg', dependencies: setupCfgDependencies(files, f.path) });
  return out;
}

function pep508(text: string, file: string, line: number, dev: boolean, range?: Range): Dependency | undefined {
  const req = parseRequirement(text.trim(), line, 0);
  if (typeof req === 'string') return undefined;
  return { name: req.name, normalized: req.normalized, specifier: req.specifier || req.url || '', pinned: req.pinned, file, line, range, dev };
}

function pyprojectDependencies(files: ProjectFiles, path: string): Dependency[] {
  const doc = files.toml(path);
  if (!doc || !isRecord(doc.value)) return [];
  const value = doc.value;
  const out: Dependency[] = [];
  const addList = (list: unknown, pointer: string, dev: boolean) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (typeof item !== 'string') return;
      const range = doc.locate(`${pointer}/${i}`);
      const dep = pep508(item, path, range?.start.line ?? 0, dev, range);
      if (dep) out.push(dep);
    });
  };
  const addTable = (table: unknown, pointer: string, dev: boolean) => {
    if (!isRecord(table)) return;
    for (const [name, spec] of Object.entries(table)) {
      if (name === 'python') continue;
      const version = typeof spec === 'string' ? spec : isRecord(spec) && typeof spec.version === 'string' ? spec.version : '';
      const pinnedRef = isRecord(spec) && (typeof spec.rev === 'string' || typeof spec.tag === 'string');
      const pinned = /^(==|===)?\s*\d[\w.+!-]*$/.test(version.trim()) || pinnedRef;
      const isPath = isRecord(spec) && typeof spec.path === 'string';
      if (isPath) continue;
      const range = doc.locate(`${pointer}/${name}`, 'key');
      out.push({ name, normalized: normalizeName(name), specifier: version, pinned, file: path, line: range?.start.line ?? 0, range, dev });
    }
  };
  const project = isRecord(value.project) ? value.project : {};
  addList(project.dependencies, '/project/dependencies', false);
  if (isRecord(project['optional-dependencies'])) {
    for (const [group, list] of Object.entries(project['optional-dependencies'])) addList(list, `/project/optional-dependencies/${group}`, true);
  }
  if (isRecord(value['dependency-groups'])) {
    for (const [group, list] of Object.entries(value['dependency-groups'])) addList(list, `/dependency-groups/${group}`, true);
  }
  const tool = isRecord(value.tool) ? value.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  addTable(poetry.dependencies, '/tool/poetry/dependencies', false);
  addTable(poetry['dev-dependencies'], '/tool/poetry/dev-dependencies', true);
  if (isRecord(poetry.group)) {
    for (const [group, def] of Object.entries(poetry.group)) if (isRecord(def)) addTable(def.dependencies, `/tool/poetry/group/${group}/dependencies`, true);
  }
  for (const t of ['pdm', 'uv']) {
    const section = isRecord(tool[t]) ? (tool[t] as Record<string, unknown>) : {};
    if (Array.isArray(section['dev-dependencies'])) addList(section['dev-dependencies'], `/tool/${t}/dev-dependencies`, true);
    else if (isRecord(section['dev-dependencies'])) {
      for (const [group, list] of Object.entries(section['dev-dependencies'])) addList(list, `/tool/${t}/dev-dependencies/${group}`, true);
    }
  }
  return out;
}

function pipfileDependencies(files: ProjectFiles, path: string): Dependency[] {
  const doc = files.toml(path);
  if (!doc || !isRecord(doc.value)) return [];
  const out: Dependency[] = [];
  for (const [section, dev] of [['packages', false], ['dev-packages', true]] as const) {
    const table = doc.value[section];
    if (!isRecord(table)) continue;
    for (const [name, spec] of Object.entries(table)) {
      const version = typeof spec === 'string' ? spec : isRecord(spec) && typeof spec.version === 'string' ? spec.version : '*';
      const range = doc.locate(`/${section}/${name}`, 'key');
      out.push({ name, normalized: normalizeName(name), specifier: version, pinned: /^===?\s*[^*,]+$/.test(version), file: path, line: range?.start.line ?? 0, range, dev });
    }
  }
  return out;
}

function condaDependencies(files: ProjectFiles, path: string): Dependency[] {
  const yaml = files.yaml(path);
  const doc = yaml?.documents[0];
  const value = files.yamlValue(path);
  if (!doc || !isRecord(value) || !Array.isArray(value.dependencies)) return [];
  const out: Dependency[] = [];
  value.dependencies.forEach((item, i) => {
    if (typeof item === 'string') {
      const m = /^([A-Za-z0-9_.\-]+(?:::[A-Za-z0-9_.\-]+)?)\s*(.*)$/.exec(item.trim());
      if (!m) return;
      const name = m[1].split('::').pop() ?? m[1];
      if (CONDA_ENVIRONMENT.has(name.toLowerCase())) return;
      const spec = m[2].trim();
      // conda: `=1.2.3` (optionally `=build`) or `==1.2.3` is exact; `=1.2` means 1.2.* and is not.
      const pinned = /^==?\s*\d+(\.\d+){2,}[\w.+!-]*(=\S+)?$/.test(spec) || /^==\s*\d[\w.+!-]*$/.test(spec);
      const range = doc.locate(`/dependencies/${i}`);
      out.push({ name, normalized: normalizeName(name), specifier: spec, pinned, file: path, line: range?.start.line ?? 0, range, dev: false });
    } else if (isRecord(item) && Array.isArray(item.pip)) {
      item.pip.forEach((p, j) => {
        if (typeof p !== 'string') return;
        const range = doc.locate(`/dependencies/${i}/pip/${j}`);
        const dep = pep508(p, path, range?.start.line ?? 0, false, range);
        if (dep) out.push(dep);
      });
    }
  });
  return out;
}

/** `install_requires=[...]` read as text: setup.py is never run. */
function setupPyDependencies(files: ProjectFiles, path: string): Dependency[] {
  const lines = files.lines(path);
  const code = files.code(path);
  if (!lines || !code) return [];
  const text = code.text;
  const out: Dependency[] = [];
  for (const m of text.matchAll(/\b(install_requires|extras_require|tests_require)\s*=\s*([[{])/g)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const close = matchingBracket(text, open);
    const body = text.slice(open, close);
    for (const s of body.matchAll(/(["'])([^"'\n]+)\1/g)) {
      const offset = open + (s.index ?? 0);
      const line = text.slice(0, offset).split('\n').length - 1;
      if (m[1] === 'extras_require' && /^\s*:\s*/.test(body.slice((s.index ?? 0) + s[0].length))) continue;
      const dep = pep508(s[2], path, line, m[1] !== 'install_requires');
      if (dep) out.push(dep);
    }
  }
  return out;
}

function matchingBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '[': ']', '{': '}', '(': ')' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (!stack.length) return i;
    }
  }
  return text.length;
}

function setupCfgDependencies(files: ProjectFiles, path: string): Dependency[] {
  const ini = files.ini(path);
  if (!ini) return [];
  const out: Dependency[] = [];
  for (const section of ini.sections) {
    const dev = section.name === 'options.extras_require';
    if (section.name !== 'options' && !dev) continue;
    for (const entry of section.entries) {
      if (section.name === 'options' && entry.key !== 'install_requires') continue;
      entry.value.split('\n').forEach((v, i) => {
        const dep = v.trim() && !v.trim().startsWith('#') ? pep508(v, path, entry.line + i, dev) : undefined;
        if (dep) out.push(dep);
      });
    }
  }
  return out;
}

export function findLockfiles(files: ProjectFiles): Lockfile[] {
  const out: Lockfile[] = [];
  for (const f of files.ofKind('lockfile')) {
    const name = f.path.split('/').pop() ?? '';
    const text = files.text(f.path) ?? '';
    let locked = 0;
    let format = name;
    if (name === 'Pipfile.lock') {
      const value = files.json(f.path)?.value;
      if (isRecord(value)) locked = ['default', 'develop'].reduce((n, k) => n + (isRecord(value[k]) ? Object.keys(value[k] as object).length : 0), 0);
    } else if (/\.lock$/.test(name) && name !== 'Pipfile.lock' && !name.startsWith('conda-')) {
      // poetry.lock, uv.lock, pdm.lock: one [[package]] table per locked package; the project itself is the editable/virtual source.
      for (const block of text.split(/^\[\[package\]\]\s*$/m).slice(1)) {
        if (!/^source\s*=\s*\{\s*(editable|virtual)\s*=\s*"\.?"/m.test(block)) locked++;
      }
    } else {
      format = 'conda-lock';
      const value = files.yamlValue(f.path);
      if (isRecord(value) && Array.isArray(value.package)) locked = value.package.length;
      else locked = (text.match(/^\s*(https?:\/\/\S+\.(conda|tar\.bz2)|@EXPLICIT)/gm) ?? []).filter((l) => !l.includes('@EXPLICIT')).length;
    }
    out.push({ file: f.path, format, locked });
  }
  for (const f of files.ofKind('requirements')) {
    const reqs = files.requirements(f.path);
    if (reqs && (reqs.compiled || reqs.hashed) && reqs.requirements.length && reqs.requirements.every((r) => r.pinned)) {
      out.push({ file: f.path, format: 'pip-compile', locked: reqs.requirements.length });
    }
  }
  return out;
}
