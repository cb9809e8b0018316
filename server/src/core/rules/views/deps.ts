import { isRecord, type StructuredDoc } from '../../parse/document';
import { normalizeName, parseRequirement } from '../../parse/requirements';
import { cloneValue, factView, type RuleDoc, type ViewContext } from '../view';
import { folderOf } from '../../paths';

/** requirements*.txt: each requirement's known version, and whether an earlier line names the same package. */
export function requirementsView(base: StructuredDoc, ctx: ViewContext): RuleDoc {
  const value = cloneValue(base.value) as { requirements?: Record<string, unknown>[] };
  const seen = new Map<string, string>();
  for (const req of value.requirements ?? []) {
    const name = String(req.normalized);
    const version = ctx.knownVersions.get(name);
    if (version) req.$knownVersion = version;
    req.$hint = req.specifier ? ` (${String(req.specifier)})` : '';
    if (typeof req.url === 'string' && /^(git|hg|svn|bzr)\+/.test(req.url)) req.$vcs = true;
    const earlier = seen.get(name);
    if (earlier !== undefined) req.$duplicate = { sameSpecifier: earlier === req.specifier };
    else seen.set(name, String(req.specifier));
  }
  return factView(base, value);
}

/** A PEP 508 or conda spec string: is it pinned, and what would the pinned text be. */
function specFacts(spec: string, conda: boolean, versions: Map<string, string>): Record<string, unknown> | undefined {
  if (conda) {
    const m = /^([A-Za-z0-9_.\-]+(?:::[A-Za-z0-9_.\-]+)?)\s*(.*)$/.exec(spec.trim());
    if (!m) return undefined;
    const name = m[1].split('::').pop() ?? m[1];
    if (['python', 'pip'].includes(name.toLowerCase())) return { pinned: true };
    const pinned = /^==?\s*\d+(\.\d+){2,}[\w.+!-]*(=\S+)?$/.test(m[2].trim()) || /^==\s*\d[\w.+!-]*$/.test(m[2].trim());
    const version = versions.get(normalizeName(name));
    return { pinned, name, ...(version ? { pinnedText: `${m[1]}=${version}` } : {}) };
  }
  const req = parseRequirement(spec.trim(), 0, 0);
  if (typeof req === 'string') return { pinned: true };
  const version = versions.get(req.normalized);
  const extras = req.extras.length ? `[${req.extras.join(',')}]` : '';
  return { pinned: req.pinned || !!req.url, name: req.name, ...(version ? { pinnedText: `${req.name}${extras}==${version}${req.marker ? `; ${req.marker}` : ''}` } : {}) };
}

/** environment.yml / conda.yaml: pin facts for each conda and pip dependency. */
export function condaView(base: StructuredDoc, ctx: ViewContext): RuleDoc {
  const value = cloneValue(base.value);
  if (isRecord(value) && Array.isArray(value.dependencies)) {
    value.$dependencies = value.dependencies.map((d) => {
      if (typeof d === 'string') return specFacts(d, true, ctx.knownVersions) ?? { pinned: true };
      if (isRecord(d) && Array.isArray(d.pip)) return { pip: d.pip.map((p) => (typeof p === 'string' ? specFacts(p, false, ctx.knownVersions) : undefined) ?? { pinned: true }) };
      return { pinned: true };
    });
  }
  return factView(base, value);
}

/** bentofile.yaml: pin facts for python.packages. */
export function bentoView(base: StructuredDoc, ctx: ViewContext): RuleDoc {
  const value = cloneValue(base.value);
  const python = isRecord(value) && isRecord(value.python) ? value.python : undefined;
  if (python && Array.isArray(python.packages)) {
    python.$packages = python.packages.map((p) => (typeof p === 'string' ? specFacts(p, false, ctx.knownVersions) : undefined) ?? { pinned: true });
  }
  return factView(base, value);
}

/** pyproject.toml: which manager it uses, whether its dependencies are bounded, and whether a lockfile sits beside it. */
export function pyprojectView(base: StructuredDoc, ctx: ViewContext): RuleDoc {
  const value = cloneValue(base.value);
  if (!isRecord(value)) return factView(base, value);
  const tool = isRecord(value.tool) ? value.tool : {};
  const manager = isRecord(tool.poetry) ? 'poetry' : isRecord(tool.uv) || ctx.files.text(sibling(ctx.path, 'uv.lock')) !== undefined ? 'uv' : isRecord(tool.pdm) ? 'pdm' : undefined;
  const manifest = ctx.model.dependencies.manifests.find((m) => m.file === ctx.path);
  const unbounded = (manifest?.dependencies ?? []).some((d) => !d.pinned && !d.dev);
  const lockfile = ['poetry.lock', 'uv.lock', 'pdm.lock'].some((l) => ctx.files.has(sibling(ctx.path, l)));
  if (manager) {
    value.$manager = manager;
    value.$lockCommand = { poetry: 'poetry lock', uv: 'uv lock', pdm: 'pdm lock' }[manager];
    value.$unbounded = unbounded;
    value.$lockfile = lockfile;
    value.$depsPointer = isRecord(tool.poetry) && isRecord(tool.poetry.dependencies) ? '/tool/poetry/dependencies' : '/project/dependencies';
  }
  return factView(base, value);
}

function sibling(path: string, name: string): string {
  return folderOf(path) + name;
}
