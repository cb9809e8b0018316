import picomatch from 'picomatch';
import { loadCatalog } from '../catalog';
import { scanImports } from '../parse/python';
import type { Evidence } from '../types';
import type { ProjectFiles } from './files';
import type { DetectedTool, Manifest } from './types';
import { SignalBook } from './signals';

interface ConfigMatcher {
  kinds: string[];
  pattern: string;
}

interface Detector {
  signal: string;
  packages?: string[];
  imports?: string[];
  code?: string[];
  files?: string[];
  config?: ConfigMatcher[];
}

interface ToolEntry {
  id: string;
  name: string;
  detectors: Detector[];
}

interface CompiledDetector {
  tool: ToolEntry;
  signal: string;
  packages: Set<string>;
  imports: Set<string>;
  code: RegExp[];
  files?: (p: string) => boolean;
  config: { kinds: string[]; pattern: RegExp }[];
}

let compiledCache: CompiledDetector[] | undefined;
let fileGlobCache: ((p: string) => boolean) | undefined;

/** One matcher for every detector's file globs: most files match none, and are dismissed in one test. */
function fileGlobFilter(): (p: string) => boolean {
  if (!fileGlobCache) {
    const globs = loadCatalog<{ tools: ToolEntry[] }>('tools.json').tools.flatMap((t) => t.detectors.flatMap((d) => d.files ?? []));
    fileGlobCache = picomatch(globs, { dot: true });
  }
  return fileGlobCache;
}

function compiled(): CompiledDetector[] {
  if (compiledCache) return compiledCache;
  const catalog = loadCatalog<{ tools: ToolEntry[] }>('tools.json');
  compiledCache = catalog.tools.flatMap((tool) =>
    tool.detectors.map((d) => ({
      tool,
      signal: d.signal,
      packages: new Set(d.packages ?? []),
      imports: new Set(d.imports ?? []),
      code: (d.code ?? []).map((c) => new RegExp(c, 'm')),
      files: d.files?.length ? picomatch(d.files, { dot: true }) : undefined,
      config: (d.config ?? []).map((c) => ({ kinds: c.kinds, pattern: new RegExp(c.pattern, 'gm') })),
    })),
  );
  return compiledCache;
}

/** Every tool of the knowledge base that the repository shows, with the signals it gives. */
export function detectTools(files: ProjectFiles, manifests: Manifest[], book: SignalBook): DetectedTool[] {
  const found = new Map<string, DetectedTool>();
  const note = (d: CompiledDetector, evidence: Evidence) => {
    book.add(d.signal, { ...evidence, tool: d.tool.name });
    const tool = found.get(d.tool.id) ?? { id: d.tool.id, name: d.tool.name, signals: [] };
    if (!tool.signals.includes(d.signal)) tool.signals.push(d.signal);
    found.set(d.tool.id, tool);
  };
  const detectors = compiled();

  for (const m of manifests) {
    for (const dep of m.dependencies) {
      for (const d of detectors) {
        if (d.packages.has(dep.normalized)) note(d, { file: dep.file, range: line(dep.line), detail: `${dep.name} is a dependency in ${m.file}` });
      }
    }
  }

  for (const f of files.ofKind('python', 'notebook')) {
    const code = files.code(f.path);
    if (!code) continue;
    const seen = new Set<string>();
    for (const imp of scanImports(code)) {
      for (const d of detectors) {
        const key = `${d.tool.id}/${d.signal}`;
        if (!seen.has(key) && d.imports.has(imp.module)) {
          seen.add(key);
          note(d, { file: f.path, range: code.rangeOfLine(imp.line), detail: `imports ${imp.path}` });
        }
      }
    }
    const joined = code.lines.join('\n');
    for (const d of detectors) {
      for (const re of d.code) {
        const m = re.exec(joined);
        if (!m) continue;
        const lineNo = countLines(joined, m.index);
        note(d, { file: f.path, range: code.rangeOfLine(lineNo), detail: `calls ${m[0].trim().replace(/\s*\($/, '(…)')}` });
        break;
      }
    }
  }

  const byFile = detectors.filter((d) => d.files);
  const anyFileGlob = fileGlobFilter();
  for (const f of files.files) {
    if (!anyFileGlob(f.path)) continue;
    for (const d of byFile) {
      if (d.files?.(f.path) && !files.isEmpty(f.path)) note(d, { file: f.path, detail: `${f.path} exists` });
    }
  }

  for (const d of detectors) {
    for (const c of d.config) {
      for (const f of files.ofKind(...c.kinds)) {
        const text = files.text(f.path);
        if (!text) continue;
        c.pattern.lastIndex = 0;
        const m = c.pattern.exec(text);
        if (!m) continue;
        const pos = files.lines(f.path)?.positionAt(m.index + (m[0].length - m[0].trimStart().length));
        note(d, { file: f.path, range: pos ? line(pos.line) : undefined, detail: `${m[0].trim()} in ${f.path}` });
      }
    }
  }
  return [...found.values()];
}

function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function line(n: number) {
  return { start: { line: n, character: 0 }, end: { line: n, character: 0 } };
}
