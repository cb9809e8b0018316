/** Zero-based line/character positions, the LSP convention; the CLI converts to 1-based for people. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export const FIRST_LINE: Range = range(0, 0, 0, 0);

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The empty range at the start of a line: evidence that names a line, not a span. */
export function lineStart(line: number): Range {
  return range(line, 0, line, 0);
}

/**
 * Offsets <-> positions for one text. Characters are UTF-16 code units, as in LSP.
 * CRLF, LF and lone CR all end a line.
 */
export class LineIndex {
  private computed?: number[];

  // Most parses never place anything: the line starts are found on first use.
  constructor(readonly text: string) {}

  private get starts(): number[] {
    return (this.computed ??= lineStarts(this.text));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, pos.line)];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** Offset just before the line break of `line`. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line] ?? this.text.length, this.lineEnd(line));
  }

  /** The range of a whole line without its break; trimmed of leading white space when `trim`. */
  lineRange(line: number, trim = false): Range {
    const text = this.lineText(line);
    const lead = trim ? text.length - text.trimStart().length : 0;
    const trail = trim ? text.length - text.trimEnd().length : 0;
    return range(line, lead, line, Math.max(lead, text.length - trail));
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Strips a UTF-8 byte order mark, which editors keep but parsers choke on. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A binary file: a NUL byte near the start. */
export function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

/** A file's bytes as text: none for a binary file, without a byte order mark. */
export function decodeText(bytes: Buffer): string | undefined {
  return isBinary(bytes) ? undefined : stripBom(bytes.toString('utf8'));
}
