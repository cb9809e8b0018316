/** A line edit script by Myers' O(ND) algorithm: fast when the two texts differ in few places, as fixes do. */
function editScript(a: string[], b: string[]): ('=' | '-' | '+')[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, max, d);
    }
  }
  return [];
}

/** Walks the saved frontiers back from the end: each step of d is one insertion or deletion. */
function backtrack(trace: Int32Array[], n: number, m: number, max: number, dEnd: number): ('=' | '-' | '+')[] {
  const ops: ('=' | '-' | '+')[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const prev = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && prev[max + k - 1] < prev[max + k + 1]) ? k + 1 : k - 1;
    const prevX = prev[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('=');
      x--;
      y--;
    }
    ops.push(x === prevX ? '+' : '-');
    if (x === prevX) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    ops.push('=');
    x--;
    y--;
  }
  return ops.reverse();
}

/** Lines with their line breaks, so that a missing final newline shows. */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** A unified diff (3 lines of context) of one file, or '' when the texts are equal. */
export function unifiedDiff(file: string, before: string, after: string, created = false): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a, b);
  const rows: { op: '=' | '-' | '+'; text: string; ai: number; bi: number }[] = [];
  let ai = 0;
  let bi = 0;
  for (const op of ops) {
    if (op === '=') rows.push({ op, text: a[ai], ai: ai++, bi: bi++ });
    else if (op === '-') rows.push({ op, text: a[ai], ai: ai++, bi });
    else rows.push({ op, text: b[bi], ai, bi: bi++ });
  }
  const out = [`--- ${created ? '/dev/null' : `a/${file}`}`, `+++ b/${file}`];
  const CONTEXT = 3;
  let i = 0;
  while (i < rows.length) {
    if (rows[i].op === '=') {
      i++;
      continue;
    }
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    // Extend the hunk while changes are within 2 x context of each other.
    for (let j = i; j < rows.length; j++) {
      if (rows[j].op !== '=') end = j;
      else if (j - end > 2 * CONTEXT) break;
    }
    const stop = Math.min(rows.length, end + CONTEXT + 1);
    const hunk = rows.slice(start, stop);
    const aCount = hunk.filter((r) => r.op !== '+').length;
    const bCount = hunk.filter((r) => r.op !== '-').length;
    const aStart = aCount ? hunk.find((r) => r.op !== '+')!.ai + 1 : hunk[0].ai;
    const bStart = bCount ? hunk.find((r) => r.op !== '-')!.bi + 1 : hunk[0].bi;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const r of hunk) {
      const body = r.text.replace(/\r?\n$/, '');
      out.push(`${r.op === '=' ? ' ' : r.op}${body}`);
      if (!/\n$/.test(r.text)) out.push('\\ No newline at end of file');
    }
    i = stop;
  }
  return out.join('\n') + '\n';
}
