import { formatPointer } from '../parse/document';

/**
 * Whether a regular expression can backtrack catastrophically: a quantified group that itself
 * holds a quantifier (`(a+)+`, `(\w*x?)*`), or alternatives under a quantifier that can match the
 * same text (`(a|a)*`). A conservative test in the spirit of safe-regex: it refuses some harmless
 * patterns, never a dangerous one of these shapes. JavaScript cannot interrupt a running regex,
 * so custom rules with such patterns are refused rather than run.
 */
export function mayBacktrack(source: string): boolean {
  const stack: { quantifiedInside: boolean; alternatives: boolean }[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      if (isQuantifier(source, i + 1) && stack.length) stack[stack.length - 1].quantifiedInside = true;
      continue;
    }
    if (c === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      if (isQuantifier(source, i + 1) && stack.length) stack[stack.length - 1].quantifiedInside = true;
      continue;
    }
    if (c === '(') stack.push({ quantifiedInside: false, alternatives: false });
    else if (c === '|' && stack.length) stack[stack.length - 1].alternatives = true;
    else if (c === ')') {
      const group = stack.pop();
      if (!group) continue;
      if (isQuantifier(source, i + 1) && unbounded(source, i + 1) && (group.quantifiedInside || group.alternatives)) return true;
      if (stack.length && (group.quantifiedInside || isQuantifier(source, i + 1))) stack[stack.length - 1].quantifiedInside = true;
    } else if (isQuantifier(source, i + 1) && stack.length && /[^?*+{]/.test(c)) stack[stack.length - 1].quantifiedInside = true;
  }
  return false;
}

function isQuantifier(source: string, at: number): boolean {
  return /^(\*|\+|\?|\{\d+(,\d*)?\})/.test(source.slice(at));
}

function unbounded(source: string, at: number): boolean {
  return /^(\*|\+|\{\d+,\})/.test(source.slice(at));
}

/** Every `pattern` and `patternProperties` key in a schema, with its JSON pointer. */
export function patternsOf(schema: unknown, pointer = ''): { pointer: string; source: string }[] {
  const out: { pointer: string; source: string }[] = [];
  if (Array.isArray(schema)) schema.forEach((s, i) => out.push(...patternsOf(s, `${pointer}/${i}`)));
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      const p = pointer + formatPointer([k]);
      if (k === 'pattern' && typeof v === 'string') out.push({ pointer: p, source: v });
      else if (k === 'patternProperties' && v && typeof v === 'object') for (const key of Object.keys(v)) out.push({ pointer: p + formatPointer([key]), source: key });
      if (k !== 'rule') out.push(...patternsOf(v, p));
    }
  }
  return out;
}
