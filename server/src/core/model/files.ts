import { parseDockerfile, type Dockerfile } from '../parse/dockerfile';
import type { ParseProblem, StructuredDoc } from '../parse/document';
import { parseIni, type IniFile } from '../parse/ini';
import { parseJson } from '../parse/json';
import { notebookCode, pythonCode, type CodeText } from '../parse/python';
import { parseRequirements, type RequirementsFile } from '../parse/requirements';
import { parseToml } from '../parse/toml';
import { parseYaml, type YamlFile } from '../parse/yaml';
import type { ScannedFile } from '../scan/walk';
import { LineIndex } from '../text';

export interface FileProblem extends ParseProblem {
  file: string;
  /** Rule id of the syntax check that found it (`yaml/syntax`, `reqs/syntax`, ...). */
  ruleId: string;
}

const TEMPLATED = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/;

/**
 * The files of one project with their texts, parsed lazily and at most once each.
 * Everything here is synchronous: texts were read before, so detectors stay simple and pure.
 */
export class ProjectFiles {
  private readonly byPath = new Map<string, ScannedFile>();
  private readonly kinds = new Map<string, ScannedFile[]>();
  private readonly cache = new Map<string, unknown>();
  readonly problems: FileProblem[] = [];

  constructor(
    readonly files: ScannedFile[],
    private readonly texts: Map<string, string>,
  ) {
    for (const f of files) {
      this.byPath.set(f.path, f);
      if (f.kind) {
        const list = this.kinds.get(f.kind) ?? [];
        list.push(f);
        this.kinds.set(f.kind, list);
      }
    }
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  get(path: string): ScannedFile | undefined {
    return this.byPath.get(path);
  }

  ofKind(...kinds: string[]): ScannedFile[] {
    return kinds.flatMap((k) => this.kinds.get(k) ?? []);
  }

  /** The text, or undefined when the file was too large or unreadable. */
  text(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** Zero bytes, or nothing but white space and comments: no evidence of anything. */
  isEmpty(path: string, comment = /^\s*(#|\/\/).*$/gm): boolean {
    const text = this.text(path);
    return text === undefined ? false : text.replace(comment, '').trim() === '';
  }

  lines(path: string): LineIndex | undefined {
    return this.memo(path, 'lines', (t) => new LineIndex(t));
  }

  yaml(path: string): YamlFile | undefined {
    return this.memo(path, 'yaml', (t, idx) => {
      const parsed = parseYaml(t, idx);
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
    return this.memo(path, 'code', (t, idx) =>
      path.endsWith('.ipynb') ? this.report(path, 'notebook/syntax', notebookCode(t, idx)) : pythonCode(t, idx),
    );
  }

  private memo<T>(path: string, what: string, make: (text: string, index: LineIndex) => T): T | undefined {
    const key = `${what}\0${path}`;
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const text = this.texts.get(path);
    if (text === undefined) return undefined;
    const index = what === 'lines' ? undefined : this.lines(path);
    const value = make(text, index ?? new LineIndex(text));
    this.cache.set(key, value);
    return value;
  }

  private report<T extends { problems: ParseProblem[] }>(file: string, ruleId: string, parsed: T): T {
    for (const p of parsed.problems) this.problems.push({ ...p, file, ruleId });
    return parsed;
  }
}
