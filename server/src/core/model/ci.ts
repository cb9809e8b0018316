import { formatPointer, isRecord } from '../parse/document';
import type { CiDefinition, CommandRef } from './types';
import type { ProjectFiles } from './files';

/** Keys whose string values are shell commands, across CI systems. */
const COMMAND_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'command', 'commands', 'bash', 'pwsh', 'powershell', 'inlineScript', 'install', 'before_install', 'after_success']);
/** Keys whose values name a reusable action, task or orb. */
const ACTION_KEYS = new Set(['uses', 'task']);
const GITLAB_RESERVED = new Set(['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'pages']);

const SYSTEM_BY_KIND: Record<string, string> = {
  'github-workflow': 'GitHub Actions', 'gitlab-ci': 'GitLab CI', circleci: 'CircleCI', 'azure-pipelines': 'Azure Pipelines',
  'bitbucket-pipelines': 'Bitbucket Pipelines', travis: 'Travis CI', cloudbuild: 'Google Cloud Build', codebuild: 'AWS CodeBuild',
  drone: 'Drone', buildkite: 'Buildkite',
};

/** The kinds of file `findCiDefinitions` reads: the CI systems', Jenkinsfiles, and YAML whose content may be CI. */
export const CI_FILE_KINDS = [...Object.keys(SYSTEM_BY_KIND), 'jenkinsfile', 'yaml'];

export function findCiDefinitions(files: ProjectFiles): CiDefinition[] {
  const out: CiDefinition[] = [];
  for (const [kind, system] of Object.entries(SYSTEM_BY_KIND)) {
    for (const f of files.ofKind(kind)) out.push(yamlDefinition(files, f.path, system, kind));
  }
  for (const f of files.ofKind('jenkinsfile')) out.push(jenkinsDefinition(files, f.path));
  for (const f of files.ofKind('yaml')) {
    const system = contentSystem(files, f.path);
    if (system) out.push(yamlDefinition(files, f.path, system, 'content'));
  }
  return out;
}

/** CI files that only their content gives away: Azure Pipelines, Cloud Build, Tekton and Argo. */
function contentSystem(files: ProjectFiles, path: string): string | undefined {
  const text = files.text(path);
  if (!text || !/^(steps|stages|jobs|apiVersion)\s*:/m.test(text)) return undefined;
  const value = files.yamlValue(path);
  if (!isRecord(value)) return undefined;
  const api = typeof value.apiVersion === 'string' ? value.apiVersion : '';
  if (/^tekton\.dev\//.test(api) && /^(Pipeline|Task|PipelineRun|TaskRun)$/.test(String(value.kind))) return 'Tekton';
  if (/^argoproj\.io\//.test(api) && /^(Workflow|WorkflowTemplate|CronWorkflow|ClusterWorkflowTemplate)$/.test(String(value.kind))) return 'Argo Workflows';
  const steps = Array.isArray(value.steps) ? value.steps.filter(isRecord) : [];
  if (steps.length && steps.every((s) => typeof s.name === 'string' && /[/.]/.test(s.name)) && !('trigger' in value)) return 'Google Cloud Build';
  const azureSteps = azureStepLists(value).some((list) => list.some((s) => isRecord(s) && ('task' in s || 'script' in s || 'bash' in s || 'pwsh' in s)));
  if (azureSteps && ['trigger', 'pool', 'jobs', 'stages'].some((k) => k in value)) return 'Azure Pipelines';
  return undefined;
}

/** Azure steps sit at the top, under jobs, or under stages' jobs. */
function azureStepLists(value: Record<string, unknown>): unknown[][] {
  const jobs = [value, ...asList(value.jobs), ...asList(value.stages).flatMap((s) => asList(isRecord(s) ? s.jobs : undefined))];
  return jobs.filter(isRecord).map((j) => asList(j.steps));
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function yamlDefinition(files: ProjectFiles, path: string, system: string, kind: string): CiDefinition {
  const def: CiDefinition = { system, file: path, runnable: false, jobs: [], commands: [], actions: [] };
  const yaml = files.yaml(path);
  const error = yaml?.problems.find((p) => p.severity === 'error');
  if (!yaml || error) {
    def.problem = error ? `does not parse (line ${error.range.start.line + 1}: ${error.message}), so it runs nothing` : 'could not be read';
    return def;
  }
  const doc = yaml.documents[0];
  const value = doc?.value;
  if (!isRecord(value)) {
    def.problem = 'is empty, so it runs nothing';
    return def;
  }
  def.jobs = jobNames(kind, value);
  const text = files.text(path) ?? '';
  const lines = files.lines(path);
  // Commands are found in document order: each is looked for in the text after the previous one,
  // which places it without building the YAML tree; quoted text with escapes falls back to the tree.
  let cursor = 0;
  const lineOf = (needle: string, pointer: (string | number)[]): number => {
    const at = needle ? text.indexOf(needle, cursor) : -1;
    if (at >= 0 && lines) {
      cursor = at + needle.length;
      return lines.positionAt(at).line;
    }
    const r = doc.locate(formatPointer(pointer));
    const start = r && lines ? lines.offsetAt(r.start) : -1;
    const block = start >= 0 && /[|>]/.test(text[start] ?? '') ? 1 : 0;
    return (r?.start.line ?? 0) + block;
  };
  walk(value, [], (pointer, key, item, job) => {
    if (ACTION_KEYS.has(key) && typeof item === 'string') {
      def.actions.push({ ref: item, file: path, line: lineOf(item, pointer), job });
    } else if (COMMAND_KEYS.has(key) || (key === 'args' && (system === 'Google Cloud Build' || CONTAINER_SYSTEMS.has(system)))) {
      for (const c of commandStrings(item, pointer, system)) {
        const valueLines = c.text.split(/\r?\n/);
        const first = valueLines.findIndex((l) => l.trim() !== '');
        if (first < 0) continue;
        const firstLine = lineOf(valueLines[first].trim(), c.pointer) - first;
        valueLines.forEach((line, i) => {
          const t = line.trim();
          if (t && !t.startsWith('#')) def.commands.push({ text: t, file: path, line: firstLine + i, job });
        });
      }
    }
  }, undefined, kind);
  if (system === 'Google Cloud Build') addCloudBuildEntrypoints(value, def, doc.locate.bind(doc));
  def.runnable = def.jobs.length > 0 || def.commands.length > 0 || def.actions.length > 0;
  if (!def.runnable) def.problem = 'defines no job or step, so it runs nothing';
  return def;
}

function jobNames(kind: string, value: Record<string, unknown>): string[] {
  if (kind === 'github-workflow' || kind === 'circleci') return isRecord(value.jobs) ? Object.keys(value.jobs) : [];
  if (kind === 'gitlab-ci') return Object.keys(value).filter((k) => !GITLAB_RESERVED.has(k) && !k.startsWith('.') && isRecord(value[k]));
  return [];
}

type Visitor = (pointer: (string | number)[], key: string, value: unknown, job: string | undefined) => void;

function walk(value: unknown, pointer: (string | number)[], visit: Visitor, job: string | undefined, kind: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...pointer, i], visit, job, kind));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      const here = [...pointer, key];
      let itemJob = job;
      if (pointer.length === 1 && pointer[0] === 'jobs') itemJob = key;
      else if (pointer.length === 0 && kind === 'gitlab-ci') itemJob = key;
      visit(here, key, item, itemJob);
      walk(item, here, visit, itemJob, kind);
    }
  }
}

/** Systems whose `command:`/`args:` arrays are one argv (Kubernetes containers), not a list of commands. */
const CONTAINER_SYSTEMS = new Set(['Tekton', 'Argo Workflows']);

function commandStrings(value: unknown, pointer: (string | number)[], system: string): { text: string; pointer: (string | number)[] }[] {
  if (typeof value === 'string') return [{ text: value, pointer }];
  if (Array.isArray(value)) {
    const argv = (system === 'Google Cloud Build' && pointer[pointer.length - 1] === 'args') || (CONTAINER_SYSTEMS.has(system) && ['command', 'args'].includes(String(pointer[pointer.length - 1])));
    if (argv && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return value.length ? [{ text: value.map(String).join(' '), pointer: [...pointer, 0] }] : [];
    }
    return value.flatMap((v, i) => commandStrings(v, [...pointer, i], system));
  }
  return [];
}

/** A Cloud Build step runs its entrypoint (or the builder's) with its args. */
function addCloudBuildEntrypoints(value: Record<string, unknown>, def: CiDefinition, locate: (p: string) => { start: { line: number } } | undefined): void {
  if (!Array.isArray(value.steps)) return;
  value.steps.forEach((step, i) => {
    if (!isRecord(step) || !Array.isArray(step.args)) return;
    const program = typeof step.entrypoint === 'string' ? step.entrypoint : String(step.name ?? '').split('/').pop()?.split(':')[0];
    const line = locate(formatPointer(['steps', i, 'args']))?.start.line ?? 0;
    const existing = def.commands.find((c) => c.line === line);
    if (existing && program) existing.text = `${program} ${existing.text}`;
  });
}

const JENKINS_SH = /\b(sh|bat|pwsh|powershell)\s*\(?\s*(?:script\s*:\s*)?("""|'''|"|')/g;

function jenkinsDefinition(files: ProjectFiles, path: string): CiDefinition {
  const def: CiDefinition = { system: 'Jenkins', file: path, runnable: false, jobs: [], commands: [], actions: [] };
  const lines = files.lines(path);
  if (!lines || files.isEmpty(path, 'slashes')) {
    def.problem = 'is empty, so it runs nothing';
    return def;
  }
  const text = lines.text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, (m) => ' '.repeat(m.length));
  for (const m of text.matchAll(JENKINS_SH)) {
    const quote = m[2];
    const start = (m.index ?? 0) + m[0].length;
    const end = text.indexOf(quote, start);
    if (end < 0) continue;
    const startLine = lines.positionAt(start).line;
    text.slice(start, end).split('\n').forEach((line, i) => {
      const t = line.trim();
      if (t && !t.startsWith('#')) def.commands.push({ text: t, file: path, line: startLine + i });
    });
  }
  for (const m of text.matchAll(/\bstage\s*\(\s*['"]([^'"]+)['"]/g)) def.jobs.push(m[1]);
  def.runnable = def.commands.length > 0 || /\bpipeline\s*\{|\bnode\s*(\(|\{)/.test(text);
  if (!def.runnable) def.problem = 'defines no pipeline or step, so it runs nothing';
  return def;
}

/**
 * What CI really runs: its own commands, plus the lines of the scripts and Makefile targets they
 * call, followed one level (a step `make test` counts as what the `test` target runs).
 */
export function expandCommands(files: ProjectFiles, commands: CommandRef[], reads?: Set<string>): CommandRef[] {
  const out: CommandRef[] = [];
  for (const cmd of commands) {
    out.push(cmd);
    if (cmd.via) continue;
    const via = { file: cmd.file, line: cmd.line };
    for (const script of scriptsCalled(cmd.text)) {
      const path = normalizePath(script);
      reads?.add(path);
      const lines = files.has(path) ? files.lines(path) : undefined;
      if (!lines) continue;
      for (let i = 0; i < lines.lineCount; i++) {
        const t = lines.lineText(i).trim();
        if (t && !t.startsWith('#')) out.push({ text: t, file: path, line: i, job: cmd.job, via });
      }
    }
    const make = /(?:^|[\s;&|(])make\s+((?:-[A-Za-z]\s*\S+\s+|-\S+\s+)*)([\w.\-/ ]*)/.exec(cmd.text) ?? /(?:^|[\s;&|(])make\s*$/.exec(cmd.text);
    if (make) {
      const dirMatch = /-C\s*(\S+)/.exec(make[1] ?? '');
      const makefile = normalizePath(`${dirMatch ? dirMatch[1] + '/' : ''}Makefile`);
      reads?.add(makefile);
      const targets = (make[2] ?? '').split(/\s+/).filter((t) => t && !t.includes('='));
      for (const recipe of makeRecipes(files, makefile, targets)) out.push({ ...recipe, job: cmd.job, via });
    }
  }
  return out;
}

function scriptsCalled(command: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s;&|(])(?:(?:bash|sh|zsh|source|\.)\s+(?:-\w+\s+)*)?((?:\.\/)?[\w.\-/]+\.(?:sh|bash))\b/g;
  for (const m of command.matchAll(re)) out.push(m[1]);
  return out;
}

function normalizePath(p: string): string {
  return p.replace(/^\.\//, '').replace(/\/\.\//g, '/').replace(/^\//, '');
}

/** The recipe lines of the named targets (the first target when none is named) and of their prerequisites. */
function makeRecipes(files: ProjectFiles, makefile: string, targets: string[]): Omit<CommandRef, 'job' | 'via'>[] {
  const lines = files.has(makefile) ? files.lines(makefile) : undefined;
  if (!lines) return [];
  const rules = new Map<string, { prereqs: string[]; recipe: { text: string; line: number }[] }>();
  let first: string | undefined;
  let current: { prereqs: string[]; recipe: { text: string; line: number }[] }[] = [];
  for (let i = 0; i < lines.lineCount; i++) {
    const raw = lines.lineText(i);
    if (raw.startsWith('\t')) {
      const t = raw.trim().replace(/^[@\-+]+/, '');
      if (t && !t.startsWith('#')) for (const r of current) r.recipe.push({ text: t, line: i });
      continue;
    }
    const rule = /^([^\s:=#][^:=#]*?)\s*::?(?!=)\s*([^;#]*)/.exec(raw);
    if (rule && !/^\s*(export|override|define|ifeq|ifneq|ifdef|ifndef|include)\b/.test(raw)) {
      current = rule[1].split(/\s+/).map((name) => {
        const entry = rules.get(name) ?? { prereqs: [], recipe: [] };
        entry.prereqs.push(...rule[2].split(/\s+/).filter(Boolean));
        rules.set(name, entry);
        if (!first && !name.startsWith('.')) first = name;
        return entry;
      });
    } else if (raw.trim() && !raw.startsWith(' ')) {
      current = [];
    }
  }
  const wanted = targets.length ? targets : first ? [first] : [];
  const seen = new Set<string>();
  const out: Omit<CommandRef, 'job' | 'via'>[] = [];
  for (const name of [...wanted, ...wanted.flatMap((t) => rules.get(t)?.prereqs ?? [])]) {
    if (seen.has(name)) continue;
    seen.add(name);
    for (const r of rules.get(name)?.recipe ?? []) out.push({ text: r.text, file: makefile, line: r.line });
  }
  return out;
}
