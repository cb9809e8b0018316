import Ajv2020 from 'ajv/dist/2020';
import * as fs from 'fs';
import * as path from 'path';
import { schemasDir } from '../catalog';
import type { ProjectFiles } from '../model/files';
import type { StructuredDoc } from '../parse/document';
import type { YamlDoc } from '../parse/yaml';
import { LineIndex, type Range } from '../text';
import type { EditSpec, FixSpec } from '../rules/types';
import type { Fix, FileCreate, TextEdit } from './types';
import { YamlEditor } from './yaml-edit';

/** What templates in a fix or message may name: `{key}`, `{fact.scripts}`, `{param.missingProperty}`, `{seg.1}`. */
export type TemplateContext = Record<string, unknown>;

const UNRESOLVED = Symbol('unresolved');

/** `{a.b}` paths into the context; a whole-string template keeps the value's type (a list stays a list). */
export function resolveTemplate(template: unknown, ctx: TemplateContext): unknown {
  if (typeof template === 'string') {
    const whole = /^\{([\w.$-]+)\}$/.exec(template);
    if (whole) return lookup(ctx, whole[1]);
    let missing = false;
    const out = template.replace(/\{([\w.$-]+)\}/g, (_, name: string) => {
      const v = lookup(ctx, name);
      if (v === UNRESOLVED) {
        missing = true;
        return '';
      }
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
    return missing ? UNRESOLVED : out;
  }
  if (Array.isArray(template)) {
    const items = template.map((t) => resolveTemplate(t, ctx));
    return items.includes(UNRESOLVED) ? UNRESOLVED : items;
  }
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) {
      const key = resolveTemplate(k, ctx);
      const value = resolveTemplate(v, ctx);
      if (key === UNRESOLVED || value === UNRESOLVED) return UNRESOLVED;
      out[String(key)] = value;
    }
    return out;
  }
  return template;
}

export function isResolved(v: unknown): boolean {
  return v !== UNRESOLVED;
}

function lookup(ctx: TemplateContext, name: string): unknown {
  let cur: unknown = ctx;
  for (const part of name.split('.')) {
    if (cur && typeof cur === 'object' && part in (cur as object)) cur = (cur as Record<string, unknown>)[part];
    else return UNRESOLVED;
  }
  // A fix never guesses: an unknown fact, or an empty list of them, means no fix.
  if (cur === undefined || (Array.isArray(cur) && cur.length === 0)) return UNRESOLVED;
  return cur;
}

/** Renders a message template; unknown names are left as written rather than failing the finding. */
export function renderMessage(template: string, ctx: TemplateContext): string {
  return template.replace(/\{([\w.$-]+)\}/g, (m, name: string) => {
    const v = lookup(ctx, name);
    return v === UNRESOLVED ? m : typeof v === 'string' ? v : JSON.stringify(v);
  });
}

export interface FixEnv {
  files: ProjectFiles;
  /** The file the finding is in, and its parsed document. */
  file: string;
  doc: StructuredDoc;
  ctx: TemplateContext;
}

const whenAjv = new Ajv2020({ strict: false });

/** Turns a rule's fix description into exact edits, or undefined when a value it needs is unknown. */
export function buildFix(spec: FixSpec & { when?: object }, env: FixEnv, isPreferred: boolean): Fix | undefined {
  if (spec.when && !whenAjv.validate(spec.when, env.ctx)) return undefined;
  const title = resolveTemplate(spec.title, env.ctx);
  if (!isResolved(title)) return undefined;
  const edits: TextEdit[] = [];
  const creates: FileCreate[] = [];
  for (const e of spec.edits) {
    const made = buildEdit(e, env);
    if (!made) return undefined;
    if ('text' in made && 'file' in made && !('range' in made)) creates.push(made);
    else edits.push(made as TextEdit);
  }
  return { title: String(title), safe: !!spec.safe && !spec.snippet, isPreferred, edits, creates, ...(spec.snippet ? { snippet: true } : {}) };
}

function buildEdit(spec: EditSpec, env: FixEnv): TextEdit | FileCreate | undefined {
  const r = (v: unknown) => resolveTemplate(v, env.ctx);
  if (spec.op === 'create-file') {
    const file = r(spec.path);
    const text = spec.template ? r(templateText(spec.template)) : r(spec.text ?? '');
    if (!isResolved(file) || !isResolved(text) || env.files.has(String(file))) return undefined;
    return { file: String(file), text: String(text) };
  }
  const fileName = spec.file ? r(spec.file) : env.file;
  const at = r(spec.at);
  if (!isResolved(fileName) || !isResolved(at)) return undefined;
  const file = String(fileName);
  const text = env.files.text(file) ?? (file === env.file ? undefined : '');
  if (text === undefined) return undefined;
  const lines = env.files.lines(file) ?? new LineIndex(text);
  const doc = file === env.file ? env.doc : env.files.yaml(file)?.documents[0];
  const yamlDoc = doc && 'ast' in doc ? (doc as YamlDoc) : undefined;
  const yaml = yamlDoc ? new YamlEditor(file, yamlDoc, lines) : undefined;
  const pointer = String(at);
  switch (spec.op) {
    case 'insert-key': {
      const value = r(spec.value);
      return isResolved(value) ? yaml?.insertKey(pointer, String(r(spec.key)), value) : undefined;
    }
    case 'add-item': {
      const value = r(spec.value);
      const after = spec.after === undefined ? undefined : Number(r(spec.after));
      return isResolved(value) && (after === undefined || Number.isInteger(after)) ? yaml?.addItem(pointer, value, after) : undefined;
    }
    case 'replace-key':
      return yaml?.replaceKey(pointer, String(r(spec.key)));
    case 'item-to-mapping': {
      const value = r(spec.value);
      return isResolved(value) ? yaml?.itemToMapping(pointer, spec.key, value) : undefined;
    }
    case 'replace-value': {
      const value = r(spec.value);
      if (!isResolved(value)) return undefined;
      if (yaml) return yaml.replaceValue(pointer, value);
      const range = doc?.locate(pointer);
      return range ? { file, range, newText: String(value) } : undefined;
    }
    case 'replace-text': {
      const range = (doc ?? env.doc).locate(pointer);
      const find = r(spec.find);
      const replace = r(spec.replace);
      if (!range || !isResolved(find) || !isResolved(replace)) return undefined;
      const original = lines.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
      // `$1`..`$9` are groups of `find`; every other character of `replace` is literal (a `$VAR` stays `$VAR`).
      const changed = original.replace(new RegExp(String(find), spec.all ? 'g' : ''), (...groups: string[]) => String(replace).replace(/\$(\d)/g, (_, n: string) => groups[Number(n)] ?? ''));
      return changed === original ? undefined : { file, range, newText: changed };
    }
    case 'insert-line': {
      const lineText = r(spec.text);
      if (!isResolved(lineText)) return undefined;
      const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
      const body = String(lineText).split('\n').join(eol);
      if (spec.where === 'end') {
        const end = lines.text.length;
        const lead = end > 0 && !/\r?\n$/.test(lines.text) ? eol : '';
        return { file, range: lines.rangeOf(end, end), newText: `${lead}${body}${eol}` };
      }
      const range = (doc ?? env.doc).locate(pointer);
      if (!range) return undefined;
      if (spec.where === 'before') {
        const at = lines.offsetAt({ line: range.start.line, character: 0 });
        return { file, range: lines.rangeOf(at, at), newText: `${body}${eol}` };
      }
      const endLine = range.end.line;
      const at = endLine + 1 < lines.lineCount ? lines.offsetAt({ line: endLine + 1, character: 0 }) : lines.text.length;
      const lead = endLine + 1 >= lines.lineCount && !/\r?\n$/.test(lines.text) ? eol : '';
      return { file, range: lines.rangeOf(at, at), newText: `${lead}${body}${eol}` };
    }
    case 'delete-node': {
      const range = (doc ?? env.doc).locate(pointer);
      if (!range) return undefined;
      return { file, range: wholeLines(lines, range), newText: '' };
    }
  }
  return undefined;
}

/** The lines a range covers, with their line breaks: deleting them leaves no blank line behind. */
function wholeLines(lines: LineIndex, range: Range): Range {
  const start = { line: range.start.line, character: 0 };
  const end = range.end.line + 1 < lines.lineCount ? { line: range.end.line + 1, character: 0 } : lines.positionAt(lines.text.length);
  return { start, end };
}

const templateCache = new Map<string, string>();

function templateText(name: string): string {
  let text = templateCache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(schemasDir(), 'templates', name), 'utf8');
    templateCache.set(name, text);
  }
  return text;
}
