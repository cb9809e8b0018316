import { parseDockerfile, type Dockerfile } from '../parse/dockerfile';
import type { ParseProblem, StructuredDoc } from '../parse/document';
import { parseIni, type IniFile } from '../parse/ini';
import { parseJson } from '../parse/json';
import { notebookCode, pythonCode, type CodeText } from '../parse/python';
import { parseRequirements, type RequirementsFile } from '../parse/requirements';
import { parseToml } from '../parse/toml';
import { parseYaml, type YamlFile } from '../parse/yaml';
import type { ScannedFile } from '../scan/walk';
import { LineIndex, type Range } from '../text';
import { parentOf } from '../paths';
import type { TextSummary } from './released-texts';

/** Where texts come from: the disk, with the editor's unsaved documents on top. */
export interface TextSource {
  get(path: string): string | undefined;
  /** A number that changes whenever the file's text does (a session has one; a one-shot run need not). */
  version?(path: string): number;
  /** What is known of a text let go after its facts were found (a session lets Python sources go). */
  released?(path: string): TextSummary | undefined;
}

export interface FileProblem extends ParseProblem {
  file: string;
  /** Rule id of the syntax check that found it (`yaml/syntax`, `reqs/syntax`, ...). */
  ruleId: string;
}

const NONE: ScannedFile[] = [];
/**
 * Kinds whose rules report on them: their structure is vouched for by the outline or the full
 * parser, so positions in them cost no further parse.
 */
export const RULE_HEAVY: ReadonlySet<string> = new Set(['github-workflow', 'gitlab-ci', 'dvc-pipeline', 'mlproject', 'precommit', 'conda-env', 'bentofile']);

/** A line whose first non-blank characters do not start a comment. */
const CONTENT_LINE = { 'hash-or-slashes': /^[^\S\n]*(?!#|\/\/)\S/m, slashes: /^[^\S\n]*(?!\/\/)\S/m };
export type CommentStarts = keyof typeof CONTENT_LINE;

/**
 * Zero bytes, or nothing but white space and comment lines: no evidence of anything. Searched
 * for the first line of content rather than stripped, so that a large file is not copied.
 */
export function holdsNoContent(text: string, commentStarts: CommentStarts = 'hash-or-slashes'): boolean {
  return !CONTENT_LINE[commentStarts].test(text);
}

const TEMPLATED = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/;

interface ParseEntry {
  text: string;
  parses: Map<string, unknown>;
  problems: FileProblem[];
}

/**
 * Parses by file, kept while the file's text stays the same: an editor session re-parses only
 * what was edited. Shared by every ProjectFiles of a session.
 */
export class ParseCache {
  private readonly entries = new Map<string, ParseEntry>();
  /** Paths whose current entry holds problems: asked for after every analysis, so kept rather than searched. */
  private readonly problemPaths = new Set<string>();
  /** Parses let go by `release`, by file: kept only once `recordReleases` asks, for the benchmark's floor. */
  private releasedFormats?: Map<string, Set<string>>;

  /** From now on, remember which parses `release` lets go, so that `parsedFormats` still lists them. */
  recordReleases(): void {
    this.releasedFormats ??= new Map();
  }

  entry(path: string, text: string): ParseEntry {
    let e = this.entries.get(path);
    if (!e || e.text !== text) {
      e = { text, parses: new Map(), problems: [] };
      this.entries.set(path, e);
      this.problemPaths.delete(path);
    }
    return e;
  }

  addProblems(path: string, text: string, problems: FileProblem[]): void {
    if (!problems.length) return;
    this.entry(path, text).problems.push(...problems);
    this.problemPaths.add(path);
  }

  release(path: string, text: string, what: string[]): void {
    const e = this.peek(path, text);
    if (!e) return;
    for (const w of what) {
      if (this.releasedFormats && e.parses.has(w)) {
        const formats = this.releasedFormats.get(path) ?? new Set();
        this.releasedFormats.set(path, formats.add(w));
      }
      e.parses.delete(w);
    }
    if (!e.parses.size && !e.problems.length) this.entries.delete(path);
  }

  /** Files whose parses found problems (some may have changed since: check their entry). */
  withProblems(): string[] {
    return [...this.problemPaths];
  }

  peek(path: string, text: string): ParseEntry | undefined {
    const e = this.entries.get(path);
    return e && e.text === text ? e : undefined;
  }

  /**
   * Which parses each file got (for the benchmark's floor, which must parse exactly the same),
   * including those released since `recordReleases`. Line indexes are left out: parsing makes them.
   */
  parsedFormats(): [string, string[]][] {
    const formats = new Map<string, Set<string>>();
    for (const [p, e] of this.entries) formats.set(p, new Set(e.parses.keys()));
    for (const [p, released] of this.releasedFormats ?? []) for (const w of released) formats.set(p, (formats.get(p) ?? new Set()).add(w));
    return [...formats].map(([p, set]): [string, string[]] => [p, [...set].filter((k) => k !== 'lines')]).filter((x) => x[1].length > 0);
  }

  /** Drops files that are gone. */
  retain(paths: Set<string>): void {
    for (const p of this.entries.keys()) if (!paths.has(p)) this.entries.delete(p);
    for (const p of this.problemPaths) if (!paths.has(p)) this.problemPaths.delete(p);
  }
}

/**
 * A question about which files exist, with its answer. A result worked out from the tree stays
 * valid while the questions it asked get the same answers: a file that comes or goes elsewhere
 * does not make it be worked out again.
 */
export interface ExistenceProbe {
  path: string;
  dir: boolean;
  answer: boolean;
}

/**
 * The files of one project with their texts, parsed lazily and at most once each.
 * Everything here is synchronous: texts were read before, so detectors stay simple and pure.
 */
export class ProjectFiles {
  private probes?: ExistenceProbe[];
  /** Files by path and by kind; built when first asked, as a focus on one file never needs them. */
  private indexes?: { byPath: Map<string, ScannedFile>; kinds: Map<string, ScannedFile[]> };

  constructor(
    readonly files: ScannedFile[],
    private readonly texts: TextSource,
    private readonly cache = new ParseCache(),
    /** All files of the project, when `files` is a focus on some of them (see `focus`). */
    private readonly all?: ProjectFiles,
  ) {}

  private get index(): { byPath: Map<string, ScannedFile>; kinds: Map<string, ScannedFile[]> } {
    if (!this.indexes) {
      this.indexes = { byPath: new Map(), kinds: new Map() };
      for (const f of this.files) {
        this.indexes.byPath.set(f.path, f);
        if (f.kind) {
          const list = this.indexes.kinds.get(f.kind) ?? [];
          list.push(f);
          this.indexes.kinds.set(f.kind, list);
        }
      }
    }
    return this.indexes;
  }

  /**
   * The same project seen through one file: `files` and `ofKind` list only it, while texts,
   * parses and `has` still see everything. Per-file facts are computed on such a focus.
   */
  focus(file: ScannedFile): ProjectFiles {
    return new ProjectFiles([file], this.texts, this.cache, this.all ?? this);
  }

  /** Syntax problems of the files parsed so far. */
  get problems(): FileProblem[] {
    const out: FileProblem[] = [];
    for (const path of this.cache.withProblems()) {
      const text = this.index.byPath.has(path) ? this.texts.get(path) : undefined;
      const e = text === undefined ? undefined : this.cache.peek(path, text);
      if (e) out.push(...e.problems);
    }
    return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  has(path: string): boolean {
    const answer = this.all ? this.all.has(path) : this.index.byPath.has(path);
    if (this.probes) this.probes.push({ path, dir: false, answer });
    return answer;
  }

  /** Note each `has` and `hasDir` asked from now until `probed()`. */
  recordProbes(): void {
    this.probes = [];
  }

  probed(): ExistenceProbe[] {
    const probes = this.probes ?? [];
    this.probes = undefined;
    return probes;
  }

  /** Whether each of these questions gets the answer it got. */
  answersAsBefore(probes: ExistenceProbe[]): boolean {
    for (const p of probes) if ((p.dir ? this.hasDir(p.path) : this.has(p.path)) !== p.answer) return false;
    return true;
  }

  private dirs?: Set<string>;

  /** A folder that holds at least one scanned file. */
  hasDir(path: string): boolean {
    const answer = this.folderHolds(path);
    if (this.probes) this.probes.push({ path, dir: true, answer });
    return answer;
  }

  private folderHolds(path: string): boolean {
    if (this.all) return this.all.hasDir(path);
    if (!this.dirs) {
      this.dirs = new Set();
      // Upwards from each file's folder, stopping at the first folder already known: its parents are too.
      // Files come sorted, so most share the folder of the file before them: that one is told without a slice.
      let last = '';
      for (const f of this.files) {
        const cut = f.path.lastIndexOf('/');
        if (cut === last.length && f.path.startsWith(last)) continue;
        last = parentOf(f.path);
        for (let dir = last; dir && !this.dirs.has(dir); dir = parentOf(dir)) this.dirs.add(dir);
      }
    }
    return this.dirs.has(path);
  }

  get(path: string): ScannedFile | undefined {
    return this.all ? this.all.get(path) : this.index.byPath.get(path);
  }

  ofKind(...kinds: string[]): ScannedFile[] {
    // A focus holds one file: per-file facts ask for kinds tens of thousands of times.
    if (this.all && this.files.length === 1) return kinds.includes(this.files[0].kind ?? '') ? this.files : NONE;
    const byKind = this.index.kinds;
    if (kinds.length === 1) return byKind.get(kinds[0]) ?? NONE;
    const lists = kinds.map((k) => byKind.get(k)).filter((l): l is ScannedFile[] => !!l);
    return lists.length === 0 ? NONE : lists.length === 1 ? lists[0] : lists.flat();
  }

  /** A key for the file's current text: its version where the source keeps one, else the text itself. */
  textKey(path: string): unknown {
    return this.texts.version ? this.texts.version(path) : this.texts.get(path);
  }

  /**
   * Forgets parses that only per-file facts needed (their results are cached by the caller), and the
   * whole entry when nothing else is kept: the entry holds the text, which the session lets go.
   */
  release(path: string, ...what: string[]): void {
    const text = this.texts.get(path);
    if (text !== undefined) this.cache.release(path, text, what);
  }

  /** The text, or undefined when the file was too large or unreadable. */
  text(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** See `holdsNoContent`; false for a file without a text, unless its text was let go empty. */
  isEmpty(path: string, commentStarts: CommentStarts = 'hash-or-slashes'): boolean {
    const text = this.text(path);
    if (text !== undefined) return holdsNoContent(text, commentStarts);
    return commentStarts === 'hash-or-slashes' && this.texts.released?.(path)?.empty === true;
  }

  /** The first line without its leading and trailing blanks, also of a text let go. */
  firstLine(path: string): Range | undefined {
    return this.lines(path)?.lineRange(0, true) ?? this.texts.released?.(path)?.firstLine;
  }

  lines(path: string): LineIndex | undefined {
    return this.memo(path, 'lines', (_t, index) => index);
  }

  yaml(path: string): YamlFile | undefined {
    return this.memo(path, 'yaml', (t, idx) => {
      const parsed = parseYaml(t, idx, RULE_HEAVY.has(this.get(path)?.kind ?? '') ? 'vouched' : 'fast');
      // Helm, Jinja and cookiecutter templates are YAML only after rendering: no syntax errors for them.
      return TEMPLATED.test(t) ? parsed : this.report(path, 'yaml/syntax', parsed);
    });
  }

  /** First document of a YAML file; undefined when it does not parse (a broken file is no evidence). */
  yamlValue(path: string): unknown {
    const y = this.yaml(path);
    if (!y || y.problems.some((p) => p.severity === 'error')) return undefined;
    return y.documents[0]?.value;
  }

  json(path: string): StructuredDoc | undefined {
    return this.memo(path, 'json', (t, idx) => this.report(path, 'json/syntax', parseJson(t, idx)));
  }

  toml(path: string): StructuredDoc | undefined {
    return this.memo(path, 'toml', (t, idx) => this.report(path, 'toml/syntax', parseToml(t, idx)));
  }

  requirements(path: string): RequirementsFile | undefined {
    return this.memo(path, 'reqs', (t, idx) => this.report(path, 'reqs/syntax', parseRequirements(t, idx)));
  }

  dockerfile(path: string): Dockerfile | undefined {
    return this.memo(path, 'docker', (t, idx) => this.report(path, 'docker/syntax', parseDockerfile(t, idx)));
  }

  ini(path: string): IniFile | undefined {
    return this.memo(path, 'ini', (t, idx) => this.report(path, 'ini/syntax', parseIni(t, idx)));
  }

  /** Comment-free Python of a .py file or of a notebook's code cells. */
  code(path: string): CodeText | undefined {
    const text = this.texts.get(path);
    if (text === undefined) return undefined;
    const entry = this.cache.entry(path, text);
    const cached = entry.parses.get('code') as CodeText | undefined;
    if (cached) return cached;
    // Python files build their line index only when evidence needs a position.
    const code = path.endsWith('.ipynb') ? this.report(path, 'notebook/syntax', notebookCode(text, this.lines(path))) : pythonCode(text);
    entry.parses.set('code', code);
    return code;
  }

  private memo<T>(path: string, what: string, make: (text: string, index: LineIndex) => T): T | undefined {
    const text = this.texts.get(path);
    if (text === undefined) return undefined;
    const entry = this.cache.entry(path, text);
    if (entry.parses.has(what)) return entry.parses.get(what) as T;
    const index = what === 'lines' ? new LineIndex(text) : this.lines(path)!;
    const value = make(text, index);
    entry.parses.set(what, value);
    return value;
  }

  private report<T extends { problems: ParseProblem[] }>(file: string, ruleId: string, parsed: T): T {
    const text = this.texts.get(file);
    if (text !== undefined) this.cache.addProblems(file, text, parsed.problems.map((p) => ({ ...p, file, ruleId })));
    return parsed;
  }
}
