import type { CodeText } from '../parse/python';
import { importsOneOf } from './import-lines';
import { lineStart } from '../text';
import type { Evidence } from '../types';
import type { ProjectFiles } from './files';
import type { SignalBook } from './signals';
import { toolCatalog, type CodePattern, type CompiledDetector, type ToolCatalog } from './tool-catalog';
import type { DetectedTool, Manifest } from './types';

/** Every tool of the knowledge base that the repository shows, with the signals it gives. */
export function detectTools(files: ProjectFiles, manifests: Manifest[], book: SignalBook): DetectedTool[] {
  const catalog = toolCatalog();
  // Made on the first tool found: facts are asked of every file, and most show none.
  let found: Map<string, DetectedTool> | undefined;
  // Every caller passes an evidence object of its own making: it is named with its tool, not copied.
  const note = (d: CompiledDetector, evidence: Evidence) => {
    evidence.tool = d.tool.name;
    book.add(d.signal, evidence);
    found ??= new Map();
    const tool = found.get(d.tool.id) ?? { id: d.tool.id, name: d.tool.name, signals: [] };
    if (!tool.signals.includes(d.signal)) tool.signals.push(d.signal);
    found.set(d.tool.id, tool);
  };

  for (const m of manifests) {
    for (const dep of m.dependencies) {
      for (const d of catalog.detectors) {
        if (d.packages.has(dep.normalized)) note(d, { file: dep.file, range: lineStart(dep.line), detail: `${dep.name} is a dependency in ${m.file}` });
      }
    }
  }

  // Indexed loops: this runs once per file of the tree, mostly before V8 optimises it, and a `for
  // ... of` there makes an iterator and a result object per step (such loops allocated 66 MB of
  // the 294 MB of a cold run on the large benchmark tree).
  const sources = files.ofKind('python', 'notebook');
  for (let i = 0; i < sources.length; i++) {
    const f = sources[i];
    // Most files import no tool and call nothing the catalog knows: one pass over the raw text says so.
    const raw = files.text(f.path);
    if (raw === undefined) continue;
    const notebook = f.kind === 'notebook';
    const literals = presentLiterals(raw, catalog);
    if (!literals.size && !importsCatalogModule(raw, catalog, notebook)) continue;
    const code = files.code(f.path);
    // A notebook's raw text is JSON, whose escapes could hide a literal: its code is searched again.
    if (!code) continue;
    const evidence = codeEvidence(f.path, code, catalog, notebook ? undefined : literals);
    for (let k = 0; k < evidence.length; k++) note(evidence[k][0], evidence[k][1]);
  }

  const all = files.files;
  for (let i = 0; i < all.length; i++) {
    const f = all[i];
    if (!catalog.anyFileGlob(f.path)) continue;
    for (const d of catalog.byFile) {
      if (d.files?.(f.path) && !files.isEmpty(f.path)) note(d, { file: f.path, detail: `${f.path} exists` });
    }
  }

  for (let i = 0; i < all.length; i++) {
    const f = all[i];
    const matchers = f.kind ? catalog.configByKind.get(f.kind) : undefined;
    const text = matchers && files.text(f.path);
    if (!matchers || !text) continue;
    for (const { detector, pattern } of matchers) {
      pattern.lastIndex = 0;
      const m = pattern.exec(text);
      if (!m) continue;
      const pos = files.lines(f.path)?.positionAt(m.index + (m[0].length - m[0].trimStart().length));
      note(detector, { file: f.path, range: pos ? lineStart(pos.line) : undefined, detail: `${m[0].trim()} in ${f.path}` });
    }
  }
  return found ? [...found.values()] : NO_TOOLS;
}

const NO_TOOLS: DetectedTool[] = [];

const NO_LITERALS: ReadonlySet<string> = new Set();

/** The catalog literals a text contains; the text of a Python file holds at least those of its comment-free code. */
function presentLiterals(text: string, catalog: ToolCatalog): ReadonlySet<string> {
  return catalog.literals.find(text) ?? NO_LITERALS;
}

/** Whether a raw text imports a module of the catalog (or could: the test errs towards yes). */
function importsCatalogModule(raw: string, catalog: ToolCatalog, notebook: boolean): boolean {
  if (catalog.unliteral.length || importsOneOf(raw, catalog.importNames)) return true;
  // Notebooks keep code in JSON strings, lines start with a quote: judge them by the imports they mention.
  return notebook && /import\s+\w|from\s+\w/.test(raw) && [...catalog.byImport.keys()].some((mod) => raw.includes(mod));
}

/**
 * What one Python file or notebook shows: the tools it imports and the calls it makes. `literals`
 * are those of a text that holds the code's, when the caller has them; else the code is searched.
 */
function codeEvidence(path: string, code: CodeText, catalog: ToolCatalog, literals?: ReadonlySet<string>): [CompiledDetector, Evidence][] {
  const out: [CompiledDetector, Evidence][] = [];
  const seen = new Set<CompiledDetector>();
  const imports = code.imports;
  for (let i = 0; i < imports.length; i++) {
    const imp = imports[i];
    for (const d of catalog.byImport.get(imp.module) ?? []) {
      if (seen.has(d)) continue;
      seen.add(d);
      out.push([d, { file: path, range: code.rangeOfLine(imp.line), detail: `imports ${imp.path}` }]);
    }
  }
  const present = literals ?? presentLiterals(code.text, catalog);
  // Only the patterns a present literal can make match, in catalog order.
  const candidates = new Set<CodePattern>(catalog.unliteral);
  for (const l of present) for (const p of catalog.patternsByLiteral.get(l) ?? []) candidates.add(p);
  if (!candidates.size) return out;
  const called = new Set<CompiledDetector>();
  for (const p of [...candidates].sort((a, b) => a.order - b.order)) {
    if (called.has(p.detector)) continue;
    const m = p.re.exec(code.text);
    if (!m) continue;
    called.add(p.detector);
    out.push([p.detector, { file: path, range: code.rangeOfLine(countLines(code.text, m.index)), detail: `calls ${m[0].trim().replace(/\s*\($/, '(…)')}` }]);
  }
  return out;
}

function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

