import { loadCatalog } from '../../catalog';
import { isRecord, type StructuredDoc } from '../../parse/document';
import { cloneValue, factView, type RuleDoc, type ViewContext } from '../view';
import { projectPythonVersion } from './project-python';
import type { ProjectFiles } from '../../model/files';

const INSTALL = /\b(pip3?|uv pip|python[\d.]*\s+-m\s+pip)\s+install\b|\bpoetry\s+install\b|\buv\s+sync\b|\bpipenv\s+(install|sync)\b|\bpdm\s+(install|sync)\b|\bconda\s+env\s+(create|update)\b/;
const UNTRUSTED = /\$\{\{\s*(github\.event\.(?:issue\.(?:title|body)|pull_request\.(?:title|body|head\.ref|head\.label)|comment\.body|review\.body|review_comment\.body|head_commit\.(?:message|author\.(?:email|name))|pages\.[\w*]+\.page_name|discussion\.(?:title|body)|workflow_run\.head_branch)|github\.head_ref)\s*\}\}/;
const FLOATING = /^(\d+|\d+\.x|x|latest|\*|>=?.*)$/;

/** Facts about a GitHub Actions workflow: which job sets up Python, what it installs, risky interpolations. */
export function ghaView(base: StructuredDoc, ctx: ViewContext): RuleDoc {
  const value = cloneValue(base.value);
  if (!isRecord(value)) return factView(base, value);
  const jobs = isRecord(value.jobs) ? value.jobs : {};
  const actions = loadCatalog<{ actions: Record<string, string> }>('action-versions.json').actions;
  const triggers = isRecord(value.on) ? Object.keys(value.on) : Array.isArray(value.on) ? value.on.map(String) : [String(value.on)];
  let pythonJob: string | undefined;
  let installStep: number | undefined;
  for (const [id, job] of Object.entries(jobs)) {
    if (!isRecord(job) || !Array.isArray(job.steps)) continue;
    const runs = job.steps.filter(isRecord).map((s) => (typeof s.run === 'string' ? s.run : '')).join('\n');
    const installer = /\bpoetry\s+install\b/.test(runs) ? 'poetry' : /\bpipenv\b/.test(runs) ? 'pipenv' : INSTALL.test(runs) ? 'pip' : undefined;
    const setupIndex = job.steps.findIndex((s) => isRecord(s) && typeof s.uses === 'string' && s.uses.startsWith('actions/setup-python'));
    if (setupIndex >= 0 && pythonJob === undefined) {
      pythonJob = id;
      const install = job.steps.findIndex((s) => isRecord(s) && typeof s.run === 'string' && INSTALL.test(s.run));
      installStep = install >= 0 ? install : setupIndex;
    }
    job.steps.forEach((step) => {
      if (!isRecord(step)) return;
      const uses = typeof step.uses === 'string' ? step.uses : undefined;
      if (uses?.startsWith('actions/setup-python')) {
        step.$setupPython = true;
        const version = isRecord(step.with) ? step.with['python-version'] : undefined;
        step.$floatingPython = typeof version === 'string' && FLOATING.test(version.trim());
        if (installer) step.$cacheWanted = installer;
      }
      if (uses && !uses.startsWith('./') && !uses.startsWith('docker://')) {
        const [name, ref] = uses.split('@');
        const unpinned = !ref || /^(main|master|HEAD|dev|develop|trunk|latest)$/.test(ref);
        step.$action = { unpinned, ...(actions[name] ? { suggested: `${name}@${actions[name]}` } : {}) };
      }
      if (typeof step.run === 'string') {
        const m = UNTRUSTED.exec(step.run);
        if (m) {
          const variable = m[1].replace(/^github\.(event\.)?/, '').split('.').slice(-2).join('_').replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
          step.$injection = { expr: m[0], exprRegex: m[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), var: variable, envValue: { [variable]: m[0] }, hasEnv: isRecord(step.env) };
        }
      }
      if (triggers.includes('pull_request_target') && uses?.startsWith('actions/checkout') && isRecord(step.with) && typeof step.with.ref === 'string' && /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref/.test(step.with.ref)) {
        step.$checksOutPullRequest = true;
      }
    });
  }
  value.$projectRunsTests = !!ctx.model.signals['ci-tests'];
  value.$isTestAnchor = ctx.path === ghaTestAnchor(ctx.files);
  const job = pythonJob ?? Object.keys(jobs)[0];
  const jobSteps = isRecord(jobs[job]) && Array.isArray(jobs[job].steps) ? jobs[job].steps : [];
  value.$pythonJob = job;
  // With no install step, the test step goes after the last step.
  value.$installStep = installStep ?? Math.max(0, jobSteps.length - 1);
  const python = projectPythonVersion(ctx.files);
  if (python) value.$pythonVersion = python;
  return factView(base, value);
}

/** The workflow where a missing test step is reported: the first that sets up Python, else the first. */
export function ghaTestAnchor(files: ProjectFiles): string | undefined {
  const workflows = files.ofKind('github-workflow');
  return (workflows.find((f) => /actions\/setup-python/.test(files.text(f.path) ?? '')) ?? workflows[0])?.path;
}
