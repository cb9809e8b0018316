import * as assert from 'assert';
import { importsOneOf } from '../../server/src/core/model/import-lines';
import { SpanSet } from '../../server/src/core/model/span-set';

/**
 * What the pre-check must answer, as the regular expressions it replaced read it: each `import` or
 * `from` that opens a line (after spaces and tabs), then the module after `from`, or each name of
 * the list after `import` up to the line's end or its comment.
 */
function byExpressions(raw: string, modules: Set<string>): boolean {
  const statement = /(?:from[ \t]+([A-Za-z_]\w*)|import[ \t]+([^\n#]+))/y;
  const name = /\s*([^\s.,]*)/y;
  const opensLine = (at: number) => /(^|[\n\r\u2028\u2029])[ \t]*$/.test(raw.slice(0, at));
  const anyName = (names: string) => {
    for (let start = 0; ; ) {
      name.lastIndex = start;
      if (modules.has(name.exec(names)![1])) return true;
      const comma = names.indexOf(',', start);
      if (comma < 0) return false;
      start = comma + 1;
    }
  };
  for (const keyword of ['import', 'from']) {
    for (let at = raw.indexOf(keyword); at >= 0; at = raw.indexOf(keyword, at + keyword.length)) {
      if (!opensLine(at)) continue;
      statement.lastIndex = at;
      const m = statement.exec(raw);
      if (m && (m[1] !== undefined ? modules.has(m[1]) : anyName(m[2]))) return true;
    }
  }
  return false;
}

describe('import lines', () => {
  const modules = ['wandb', 'mlflow', 'evidently', 'a_b'];
  const set = new SpanSet(modules);
  const imports = (raw: string) => importsOneOf(raw, set);

  it('finds a module named by an import line, whatever breaks the lines', () => {
    assert.strictEqual(imports('import os, wandb as w\n'), true, 'the second name of a list');
    assert.strictEqual(imports('x = 1\n\t from mlflow.tracking import Client'), true, 'indented, with a dotted module');
    assert.strictEqual(imports('import os\rimport evidently.report'), true, 'after a CR line break');
    assert.strictEqual(imports('import os\r\nimport\ta_b'), true, 'after CRLF, with a tab');
    assert.strictEqual(imports('import os,\u00a0wandb'), true, 'a no-break space before a name is white space');
  });

  it('does not take other text for an import', () => {
    assert.strictEqual(imports('important = "import wandb"'), false, 'not at the start of a line');
    assert.strictEqual(imports('# import wandb\nx = 1; import mlflow'), false, 'a comment, and a statement after another');
    assert.strictEqual(imports('import os  # wandb\n'), false, 'a name in the comment');
    assert.strictEqual(imports('from wandb_extra import x\nimport mlflowx'), false, 'a longer name that starts like one');
    assert.strictEqual(imports('importwandb\nfrom(wandb)\nfrom\n wandb'), false, 'no blank after the keyword, or a line break');
    assert.strictEqual(imports('import \nwandb'), false, 'names end at the line break');
    assert.strictEqual(imports(''), false);
  });

  it('answers as the regular expressions it replaced, on generated lines', () => {
    let seed = 7;
    const pick = <T>(list: T[]): T => list[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % list.length];
    const indents = ['', '', ' ', '\t', '  \t', 'x = 1; ', '# '];
    const keywords = ['import', 'import', 'from', 'from', 'importx', 'fromage', 'imp'];
    const blanks = [' ', ' ', '\t', '  ', '', '\u00a0', '\n'];
    const names = ['wandb', 'mlflow', 'a_b', 'os', 'x', 'wandbx', 'mlflow.sdk', '(wandb)', '', ' ', '\v'];
    const joins = [', ', ',', ' as w, ', '.', ' # ', ' ', '\u2028'];
    const breaks = ['\n', '\r', '\r\n', '\u2028', ''];
    const known = new Set(modules);
    let yes = 0;
    for (let i = 0; i < 20000; i++) {
      let raw = '';
      for (let line = 1 + (i % 3); line > 0; line--) {
        raw += pick(indents) + pick(keywords) + pick(blanks) + pick(names);
        for (let more = i % 4; more > 0; more--) raw += pick(joins) + pick(names);
        raw += pick(breaks);
      }
      const expected = byExpressions(raw, known);
      if (expected) yes++;
      assert.strictEqual(importsOneOf(raw, set), expected, JSON.stringify(raw));
    }
    // The generated lines must give both answers often for the comparison to mean anything.
    assert.ok(yes > 2000 && yes < 18000, `${yes} of 20000 import a module`);
  });
});

describe('span set', () => {
  it('answers for a span of a text without slicing it', () => {
    const set = new SpanSet(['torch', 'tf', '']);
    assert.strictEqual(set.has('import torch.nn', 7, 12), true);
    assert.strictEqual(set.has('import torch.nn', 7, 11), false, 'a prefix');
    assert.strictEqual(set.has('import torchvision', 7, 18), false, 'a longer name');
    assert.strictEqual(set.has('tfx', 0, 2), true);
    assert.strictEqual(set.has('x', 1, 1), false, 'an empty span, even with the empty string given');
  });
});
