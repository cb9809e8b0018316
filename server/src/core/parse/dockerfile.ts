import { LineIndex, range, type Range } from '../text';
import { parsePointer, type NodePart, type ParseProblem, type StructuredDoc } from './document';

export interface DockerInstruction {
  /** Upper-cased keyword: FROM, RUN, COPY, ... */
  keyword: string;
  /** Arguments with continuations joined by a space. */
  args: string;
  /** First line of the instruction, zero-based. */
  line: number;
  /** Whole instruction, across continuation lines. */
  range: Range;
  keywordRange: Range;
  /** The arguments, from after the keyword to the end of the instruction. */
  argsRange: Range;
  /** Index of the build stage (FROM) it belongs to; -1 before the first FROM. */
  stage: number;
}

export interface Dockerfile {
  instructions: DockerInstruction[];
  problems: ParseProblem[];
}

const KEYWORDS = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME',
  'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

/** The instructions as a document for JSON-Schema rules: `/instructions/<i>/{keyword,args,stage}`. */
export function dockerfileDocument(file: Dockerfile): StructuredDoc {
  return {
    value: { instructions: file.instructions.map((i) => ({ keyword: i.keyword, args: i.args, stage: i.stage })) },
    problems: file.problems,
    locate(pointer: string, part: NodePart = 'value') {
      const [list, index, field] = parsePointer(pointer);
      const ins = list === 'instructions' ? file.instructions[Number(index)] : undefined;
      if (!ins) return undefined;
      if (field === 'keyword' || (field === undefined && part === 'key')) return ins.keywordRange;
      if (field === 'args') return ins.argsRange;
      return ins.range;
    },
  };
}

export function parseDockerfile(text: string, index = new LineIndex(text)): Dockerfile {
  const out: Dockerfile = { instructions: [], problems: [] };
  let escape = '\\';
  let stage = -1;
  let directivesDone = false;
  for (let i = 0; i < index.lineCount; i++) {
    const raw = index.lineText(i);
    const trimmed = raw.trim();
    if (!directivesDone) {
      const directive = /^#\s*escape\s*=\s*([\\`])\s*$/i.exec(trimmed);
      if (directive) {
        escape = directive[1];
        continue;
      }
      if (!/^#\s*\w+\s*=/.test(trimmed)) directivesDone = true;
    }
    if (!trimmed || trimmed.startsWith('#')) continue;
    const startLine = i;
    const lead = raw.length - raw.trimStart().length;
    let joined = trimmed;
    let endLine = i;
    while (joined.endsWith(escape) && endLine + 1 < index.lineCount) {
      joined = joined.slice(0, -1).trimEnd();
      endLine++;
      const next = index.lineText(endLine).trim();
      // Comment lines inside a continued instruction are dropped by BuildKit.
      if (next.startsWith('#')) {
        joined += escape;
        continue;
      }
      joined += ' ' + next;
    }
    i = endLine;
    const heredoc = /<<-?\s*["']?(\w+)["']?/.exec(joined);
    const m = /^(\S+)\s*([\s\S]*)$/.exec(joined);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const keywordRange = range(startLine, lead, startLine, lead + m[1].length);
    if (!KEYWORDS.has(keyword)) {
      out.problems.push({ message: `Unknown Dockerfile instruction '${m[1]}'`, range: keywordRange, severity: 'error' });
      continue;
    }
    if (keyword === 'FROM') stage++;
    let args = m[2].trim();
    if (heredoc) {
      // Heredoc bodies run as the instruction's script until the terminator line.
      const body: string[] = [];
      while (i + 1 < index.lineCount && index.lineText(i + 1).trim() !== heredoc[1]) body.push(index.lineText(++i));
      if (i + 1 < index.lineCount) i++;
      endLine = i;
      args = `${args}\n${body.join('\n')}`;
    }
    const whole = range(startLine, lead, endLine, index.lineText(endLine).length);
    const firstLine = index.lineText(startLine);
    const argsStart = lead + m[1].length + (firstLine.slice(lead + m[1].length).length - firstLine.slice(lead + m[1].length).trimStart().length);
    out.instructions.push({
      keyword, args, line: startLine, stage, keywordRange, range: whole,
      argsRange: range(startLine, Math.min(argsStart, firstLine.length), whole.end.line, whole.end.character),
    });
  }
  return out;
}
