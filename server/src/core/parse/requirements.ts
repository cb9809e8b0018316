import { LineIndex, range, type Range } from '../text';
import { parsePointer, type NodePart, type ParseProblem, type StructuredDoc } from './document';

export interface Requirement {
  /** As written. */
  name: string;
  /** PEP 503: lower case, runs of -_. folded to '-'. */
  normalized: string;
  specifier: string;
  extras: string[];
  marker?: string;
  url?: string;
  editable: boolean;
  /** Exactly one version: `==x.y.z` without wildcard, `===x`, or a URL/VCS reference fixed to a commit hash. */
  pinned: boolean;
  /** Zero-based line of the requirement's first physical line. */
  line: number;
  /** The requirement text without comment or per-line options. */
  range: Range;
  nameRange: Range;
  /** The version specifier (or URL) as written; empty at the end of the name when there is none. */
  specRange: Range;
}

export interface RequirementsInclude {
  path: string;
  constraint: boolean;
  line: number;
  range: Range;
}

export interface RequirementsFile {
  requirements: Requirement[];
  includes: RequirementsInclude[];
  /** Local paths (`.`, `./pkg`, `-e .`): the project itself, not a third-party dependency. */
  localPaths: { path: string; line: number }[];
  problems: ParseProblem[];
  /** `--hash=` on every requirement: pip-compile/pip-tools output with hashes. */
  hashed: boolean;
  /** A header written by pip-compile or uv pip compile. */
  compiled: boolean;
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*/;
const SPEC_CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*([A-Za-z0-9_.*+!-]+)$/;
const OPTIONS_WITH_VALUE = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '--prefer-binary', '--no-binary', '--only-binary', '--pre', '--no-index', '--use-feature']);
const COMMIT_HASH = /@[0-9a-f]{40}\b/i;

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function parseRequirements(text: string, index = new LineIndex(text)): RequirementsFile {
  const out: RequirementsFile = { requirements: [], includes: [], localPaths: [], problems: [], hashed: false, compiled: /^#.*\b(pip-compile|uv pip compile)\b/m.test(text) };
  let hashedCount = 0;
  for (const logical of logicalLines(index)) {
    const { text: raw, line, startChar } = logical;
    const content = stripComment(raw);
    const trimmed = content.trim();
    if (!trimmed) continue;
    const lead = startChar + (content.length - content.trimStart().length);
    const lineRange = range(line, lead, line, lead + trimmed.length);
    if (trimmed.startsWith('-')) {
      const m = /^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(trimmed);
      if (m) {
        out.includes.push({ path: m[2], constraint: m[1] === '-c' || m[1] === '--constraint', line, range: lineRange });
        continue;
      }
      const e = /^(-e|--editable)(?:\s+|=)(\S+)/.exec(trimmed);
      if (e) {
        const target = e[2];
        if (isLocalPath(target)) out.localPaths.push({ path: target, line });
        else out.requirements.push(urlRequirement(target, line, lineRange, true));
        continue;
      }
      const opt = trimmed.split(/[\s=]/)[0];
      if (!OPTIONS_WITH_VALUE.has(opt) && !opt.startsWith('--')) {
        out.problems.push({ message: `Unknown requirements option '${opt}'`, range: lineRange, severity: 'error' });
      }
      continue;
    }
    const [reqText, ...perLine] = trimmed.split(/\s+(?=--)/);
    if (perLine.some((o) => o.startsWith('--hash'))) hashedCount++;
    if (isLocalPath(reqText)) {
      out.localPaths.push({ path: reqText, line });
      continue;
    }
    const req = parseRequirement(reqText, line, lead);
    if (typeof req === 'string') out.problems.push({ message: req, range: range(line, lead, line, lead + reqText.length), severity: 'error' });
    else out.requirements.push(req);
  }
  out.hashed = out.requirements.length > 0 && hashedCount === out.requirements.length;
  return out;
}

/** One PEP 508 requirement; a string return is the reason it is not one. */
export function parseRequirement(text: string, line: number, startChar: number): Requirement | string {
  const lineRange = range(line, startChar, line, startChar + text.length);
  if (/^[a-z+]+:\/\//i.test(text) || /^git\+/.test(text)) return urlRequirement(text, line, lineRange, false);
  const m = NAME.exec(text);
  if (!m) return `'${text}' is not a valid requirement`;
  const name = m[1];
  const extras = m[2] ? m[2].slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean) : [];
  let rest = text.slice(m[0].length);
  let marker: string | undefined;
  const semi = rest.indexOf(';');
  if (semi >= 0) {
    marker = rest.slice(semi + 1).trim();
    rest = rest.slice(0, semi);
  }
  rest = rest.trim();
  const nameRange = range(line, startChar, line, startChar + name.length);
  const specAt = (part: string) => {
    const at = part ? text.indexOf(part, name.length) : -1;
    const from = at >= 0 ? startChar + at : startChar + m[0].trimEnd().length;
    return range(line, from, line, from + (at >= 0 ? part.length : 0));
  };
  const base = { name, normalized: normalizeName(name), extras, marker, editable: false, line, range: lineRange, nameRange };
  if (rest.startsWith('@')) {
    const url = rest.slice(1).trim();
    if (!url) return `'${text}': '@' needs a URL after it`;
    return { ...base, specifier: '', url, pinned: COMMIT_HASH.test(url), specRange: specAt(url) };
  }
  const spec = rest.replace(/^\(|\)$/g, '').trim();
  if (spec) {
    const clauses = spec.split(',').map((c) => c.trim());
    for (const clause of clauses) {
      if (!SPEC_CLAUSE.test(clause)) return `'${text}': '${clause}' is not a version specifier`;
    }
  }
  const clauses = spec ? spec.split(',').map((c) => c.trim()) : [];
  const pinned = clauses.length === 1 && /^(===|==)\s*[^*]+$/.test(clauses[0]);
  return { ...base, specifier: spec, pinned, specRange: specAt(spec) };
}

function urlRequirement(text: string, line: number, lineRange: Range, editable: boolean): Requirement {
  const egg = /#egg=([A-Za-z0-9._-]+)/.exec(text);
  const name = egg?.[1] ?? text.replace(/[#?].*$/, '').replace(/\.git$/, '').split(/[/@]/).filter(Boolean).pop() ?? text;
  return {
    name, normalized: normalizeName(name), specifier: '', extras: [], url: text, editable,
    pinned: COMMIT_HASH.test(text), line, range: lineRange, nameRange: lineRange, specRange: lineRange,
  };
}

/** The requirements as a document for JSON-Schema rules: `/requirements/<i>/{name,specifier,...}`. */
export function requirementsDocument(file: RequirementsFile): StructuredDoc {
  const value = {
    requirements: file.requirements.map((r) => ({
      name: r.name, normalized: r.normalized, specifier: r.specifier, pinned: r.pinned, extras: r.extras, editable: r.editable,
      ...(r.marker ? { marker: r.marker } : {}), ...(r.url ? { url: r.url } : {}),
    })),
    includes: file.includes.map((i) => ({ path: i.path, constraint: i.constraint })),
  };
  return {
    value,
    problems: file.problems,
    locate(pointer: string, part: NodePart = 'value') {
      const [list, index, field] = parsePointer(pointer);
      if (list === 'includes') return file.includes[Number(index)]?.range;
      if (list !== 'requirements') return undefined;
      const req = file.requirements[Number(index)];
      if (!req) return undefined;
      if (field === undefined) return req.range;
      if (field === 'name' || part === 'key') return req.nameRange;
      if (field === 'specifier' || field === 'url' || field === 'pinned') return req.specRange;
      return req.range;
    },
  };
}

function isLocalPath(text: string): boolean {
  return text === '.' || /^(\.{1,2}[\\/]|\/|file:)/.test(text) || (/[\\/]/.test(text) && !/:\/\//.test(text) && !text.includes('@'));
}

/** `#` starts a comment at the start of a line or after white space (pip's rule; `#egg=` stays). */
function stripComment(line: string): string {
  const m = /(^|\s)#/.exec(line);
  return m ? line.slice(0, m.index) : line;
}

interface LogicalLine {
  text: string;
  line: number;
  startChar: number;
}

/** Joins backslash-continued lines; the requirement's position is that of its first line. */
function logicalLines(index: LineIndex): LogicalLine[] {
  const out: LogicalLine[] = [];
  for (let i = 0; i < index.lineCount; i++) {
    let text = index.lineText(i);
    const line = i;
    while (/\\\s*$/.test(text) && i + 1 < index.lineCount) {
      text = text.replace(/\\\s*$/, ' ') + index.lineText(++i).trimStart();
    }
    out.push({ text, line, startChar: 0 });
  }
  return out;
}
