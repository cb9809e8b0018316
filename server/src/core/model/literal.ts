/**
 * A piece of plain text that every match of a regular expression must contain, found from its
 * source; undefined when none can be proven. `text.includes(literal)` then rules a file out before
 * the regular expression runs, which is most of the cost of scanning thousands of Python files.
 */
export function requiredLiteral(source: string): string | undefined {
  // Top-level alternation: no single piece is required.
  if (hasTopLevelAlternation(source)) return undefined;
  let s = source.replace(/\[(?:\\.|[^\]\\])*\]/g, '\u0000');
  // Innermost groups first: an optional group, or one with alternatives, is not required.
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/\((\?[:=!<][=!]?)?((?:\\.|[^()\\])*)\)([?*]|\{0,?\d*\})?/g, (_m, kind: string | undefined, body: string, quant: string | undefined) => {
      if (quant || (kind && kind !== '?:') || /(^|[^\\])\|/.test(body)) return '\u0000';
      return `\u0000${body}\u0000`;
    });
  }
  const pieces = plainRuns(s);
  if (!pieces) return undefined;
  let best: string | undefined;
  for (const p of pieces) if (p.length >= 3 && (!best || p.length > best.length)) best = p;
  return best;
}

/** Escapes whose text is not themselves (`\x41`, `\1`, `\p{L}`), and the class escapes (`\w`). */
const NOT_ITSELF = /[xuUpPkc0-9]/;
const CLASS_ESCAPE = /[bBsSwWdDfnrtv]/;
/** A quantifier where an atom ends (sticky: `lastIndex` says where). */
const QUANTIFIER = /(?:[?*+]|\{\d*(?:,\d*)?\})\??/y;

/**
 * The runs of plain text in a source whose groups and classes are already separators (U+0000):
 * an escaped character is itself (`\.` is a dot), while `.`, `^`, `$`, class escapes (`\w`) and an
 * atom that may be absent (`?`, `*`, `{0,}`) end a run. `a+` is `a` once, then anything, then `a`.
 * Undefined for escapes whose text is not themselves (`\x41`, `\1`, `\p{L}`): no literal is proven.
 */
function plainRuns(source: string): string[] | undefined {
  const runs: string[] = [];
  let run = '';
  const cut = () => {
    runs.push(run);
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    let atom: string | undefined = source[i];
    if (atom === '\\') {
      const next = source[++i] ?? '';
      if (NOT_ITSELF.test(next)) return undefined;
      atom = CLASS_ESCAPE.test(next) ? undefined : next;
    } else if (atom === '\u0000' || atom === '.' || atom === '^' || atom === '$') {
      atom = undefined;
    }
    // Read where the atom ends, not from a copy of the rest: that copy was made at every character.
    QUANTIFIER.lastIndex = i + 1;
    const quantifier = QUANTIFIER.exec(source)?.[0] ?? '';
    i += quantifier.length;
    const atLeastOnce = quantifier !== '' && !/^[?*]|^\{0?[,}]/.test(quantifier);
    if (atom === undefined) cut();
    else if (!quantifier) run += atom;
    else if (atLeastOnce) {
      run += atom;
      cut();
      run = atom;
    } else cut();
  }
  cut();
  return runs;
}

function hasTopLevelAlternation(source: string): boolean {
  return splitTopLevel(source).length > 1;
}

/**
 * Plain texts of which every match contains at least one: the required literal, or, for a choice
 * (`(KSDrift|MMDDrift)\(`), one literal per alternative. Undefined when that cannot be proven.
 */
export function requiredLiterals(source: string): string[] | undefined {
  const single = requiredLiteral(source);
  if (single) return [single];
  const alternatives = hasTopLevelAlternation(source) ? splitTopLevel(source) : firstRequiredChoice(source);
  if (!alternatives) return undefined;
  const literals = alternatives.map((alt) => requiredLiteral(alt));
  return literals.every((l): l is string => !!l) ? [...new Set(literals)] : undefined;
}

/** The alternatives of a source at its top level (outside groups and classes). */
function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

/** The alternatives of the first plain group with a choice that is not optional. */
function firstRequiredChoice(source: string): string[] | undefined {
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') {
      i++;
      continue;
    }
    if (source[i] !== '(' || source[i + 1] === '?') continue;
    let depth = 0;
    for (let j = i; j < source.length; j++) {
      if (source[j] === '\\') j++;
      else if (source[j] === '(') depth++;
      else if (source[j] === ')' && --depth === 0) {
        const body = source.slice(i + 1, j);
        if (/^[?*{]/.test(source.slice(j + 1)) || !hasTopLevelAlternation(body)) break;
        return splitTopLevel(body);
      }
    }
  }
  return undefined;
}
