import { loadCatalog } from '../catalog';
import { globsMatcher } from '../scan/globs';
import { requiredLiterals } from './literal';
import { LiteralIndex } from './literal-index';
import { SpanSet } from './span-set';

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

export interface ToolEntry {
  id: string;
  name: string;
  detectors: Detector[];
}

export interface CompiledDetector {
  tool: ToolEntry;
  signal: string;
  packages: Set<string>;
  imports: Set<string>;
  code: RegExp[];
  files?: (p: string) => boolean;
  config: { kinds: string[]; pattern: RegExp }[];
}

export interface CodePattern {
  detector: CompiledDetector;
  re: RegExp;
  /** Plain texts every match contains one of; undefined when none could be proven. */
  literals?: string[];
  /** Its place in the catalog, the order patterns are tried in. */
  order: number;
}

/** schemas/tools.json compiled once: regular expressions, globs, and indexes for the hot loops. */
export interface ToolCatalog {
  detectors: CompiledDetector[];
  /** Detectors by the top-level module they look for: an import is one lookup. */
  byImport: Map<string, CompiledDetector[]>;
  /** The same modules, for the import pre-check, which asks about spans of a text. */
  importNames: SpanSet;
  codePatterns: CodePattern[];
  /** Every pattern's literals: one pass over a file says which patterns can match. */
  literals: LiteralIndex;
  /** The patterns each literal can make match, and the patterns that have no literal (always tried). */
  patternsByLiteral: Map<string, CodePattern[]>;
  unliteral: CodePattern[];
  /** Detectors that look for files by name. */
  byFile: CompiledDetector[];
  /** Any detector's file glob: most files match none and are dismissed in one test. */
  anyFileGlob: (p: string) => boolean;
  /** Config-text patterns by the file kind they read. */
  configByKind: Map<string, { detector: CompiledDetector; pattern: RegExp }[]>;
}

let cache: ToolCatalog | undefined;

export function toolCatalog(): ToolCatalog {
  if (cache) return cache;
  const tools = loadCatalog<{ tools: ToolEntry[] }>('tools.json').tools;
  const detectors: CompiledDetector[] = tools.flatMap((tool) =>
    tool.detectors.map((d) => ({
      tool,
      signal: d.signal,
      packages: new Set(d.packages ?? []),
      imports: new Set(d.imports ?? []),
      code: (d.code ?? []).map((c) => new RegExp(c, 'm')),
      // File name first: most files a detector is asked about are not its kind of file at all.
      files: d.files?.length ? globsMatcher(d.files) : undefined,
      config: (d.config ?? []).map((c) => ({ kinds: c.kinds, pattern: new RegExp(c.pattern, 'gm') })),
    })),
  );
  const byImport = new Map<string, CompiledDetector[]>();
  for (const d of detectors) for (const m of d.imports) byImport.set(m, [...(byImport.get(m) ?? []), d]);
  const codePatterns = detectors.flatMap((detector) => detector.code.map((re) => ({ detector, re, literals: requiredLiterals(re.source) }))).map((p, order) => ({ ...p, order }));
  const literals = [...new Set(codePatterns.flatMap((p) => p.literals ?? []))];
  const configByKind = new Map<string, { detector: CompiledDetector; pattern: RegExp }[]>();
  for (const detector of detectors) {
    for (const c of detector.config) for (const kind of c.kinds) configByKind.set(kind, [...(configByKind.get(kind) ?? []), { detector, pattern: c.pattern }]);
  }
  cache = {
    detectors,
    byFile: detectors.filter((d) => d.files),
    configByKind,
    byImport,
    importNames: new SpanSet(byImport.keys()),
    codePatterns,
    literals: new LiteralIndex(literals),
    patternsByLiteral: new Map(literals.map((l) => [l, codePatterns.filter((p) => p.literals?.includes(l))])),
    unliteral: codePatterns.filter((p) => p.literals === undefined),
    anyFileGlob: globsMatcher(tools.flatMap((t) => t.detectors.flatMap((d) => d.files ?? []))),
  };
  return cache;
}
