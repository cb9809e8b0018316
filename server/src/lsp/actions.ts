import { CodeAction, CodeActionKind, type Diagnostic, type Hover, type Position, type Range, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { ruleRegistry } from '../core/rules/registry';
import { FIX_ALL_KIND, type DiagnosticData } from '../protocol';
import { docsUri } from './convert';

/** A fix with its edits computed, in URIs. */
export interface FixEdit {
  title: string;
  safe: boolean;
  isPreferred: boolean;
  edits: { uri: string; range: Range; newText: string }[];
  creates: { uri: string; text: string }[];
}

/** The fixes of a diagnostic's finding, computed now. */
export type FixResolver = (diagnostic: Diagnostic) => FixEdit[];

export function toWorkspaceEdit(fixes: FixEdit[]): WorkspaceEdit {
  const creates = fixes.flatMap((f) => f.creates);
  const edits = fixes.flatMap((f) => f.edits);
  if (!creates.length) {
    const changes: WorkspaceEdit['changes'] = {};
    for (const e of edits) (changes[e.uri] ??= []).push({ range: e.range, newText: e.newText });
    return { changes };
  }
  // A new file needs documentChanges: create it, then fill it.
  const byUri = new Map<string, TextDocumentEdit>();
  for (const e of edits) {
    const doc = byUri.get(e.uri) ?? { textDocument: { uri: e.uri, version: null }, edits: [] };
    doc.edits.push({ range: e.range, newText: e.newText });
    byUri.set(e.uri, doc);
  }
  return {
    documentChanges: [
      ...creates.flatMap((c) => [
        { kind: 'create' as const, uri: c.uri, options: { ignoreIfExists: true } },
        { textDocument: { uri: c.uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.text }] },
      ]),
      ...byUri.values(),
    ],
  };
}

function dataOf(d: Diagnostic): DiagnosticData | undefined {
  const data = d.data as DiagnosticData | undefined;
  return d.source === 'ML Maturity' && data && Array.isArray(data.fixes) ? data : undefined;
}

/** Quick-fixes for the diagnostics in the request; none when the document moved on since they were made. */
export function quickFixes(diagnostics: Diagnostic[], documentVersion: number | undefined, resolve: FixResolver): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = dataOf(d);
    if (!data || !data.fixes.length || (data.version !== null && documentVersion !== undefined && data.version !== documentVersion)) continue;
    for (const fix of resolve(d)) {
      const action = CodeAction.create(fix.title, toWorkspaceEdit([fix]), CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = fix.isPreferred;
      out.push(action);
    }
  }
  return out;
}

/** One action applying every safe fix of the document whose edits do not overlap. */
export function fixAllAction(uri: string, diagnostics: Diagnostic[], resolve: FixResolver): CodeAction | undefined {
  const chosen: FixEdit[] = [];
  const taken: { start: number; end: number }[] = [];
  const key = (p: Position) => p.line * 1e6 + p.character;
  for (const d of diagnostics) {
    if (!dataOf(d)?.fixes.some((f) => f.safe)) continue;
    const fix = resolve(d).find((f) => f.safe);
    if (!fix || fix.creates.length || fix.edits.some((e) => e.uri !== uri)) continue;
    const spans = fix.edits.map((e) => ({ start: key(e.range.start), end: key(e.range.end) }));
    if (spans.some((s) => taken.some((t) => s.start < t.end && t.start < s.end) || taken.some((t) => s.start === t.start && s.end === t.end))) continue;
    taken.push(...spans);
    chosen.push(fix);
  }
  if (!chosen.length) return undefined;
  return CodeAction.create('Fix all safe ML Maturity problems', toWorkspaceEdit(chosen), FIX_ALL_KIND);
}

export function wantsKind(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** The rule behind each diagnostic under the cursor: why it matters, its fix, its docs. */
export function hoverFor(diagnostics: Diagnostic[], position: Position): Hover | null {
  const here = diagnostics.filter((d) => contains(d.range, position));
  if (!here.length) return null;
  const registry = ruleRegistry();
  const parts = here.map((d) => {
    const id = String(d.code);
    const info = registry.get(id);
    const fixes = dataOf(d)?.fixes ?? [];
    return [
      `**${info?.title ?? id}** \`${id}\``,
      '',
      info?.description ?? d.message,
      '',
      fixes.length ? `Fix: ${fixes.map((f) => `${f.title}${f.safe ? '' : ' (review it)'}`).join('; ')}.` : 'No automatic fix.',
      '',
      `[Rule documentation](${docsUri(id)})`,
    ].join('\n');
  });
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
}

function contains(r: Diagnostic['range'], p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}
