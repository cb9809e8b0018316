import * as assert from 'assert';
import { notebookCode, pythonCode, scanImports } from '../../server/src/core/parse/python';
import { range } from '../../server/src/core/text';

describe('Python code for static scans', () => {
  it('blanks comments and triple-quoted bodies, keeping every line break and column', () => {
    const code = pythonCode([
      'import os  # import wandb',
      'DOC = """import mlflow',
      '  still inside',
      'end"""; x = "#not a comment"',
      "s = 'it\\'s' # gone",
      "t = '''one line''' + 'a'",
      'u = "open # string',
      'v = 1',
    ].join('\n'));
    assert.deepStrictEqual(code.lines, [
      'import os  ' + ' '.repeat(14),
      'DOC = """' + ' '.repeat(13),
      ' '.repeat(14),
      '   """; x = "#not a comment"',
      "s = 'it\\'s' " + ' '.repeat(6),
      "t = '''        ''' + 'a'",
      'u = "open # string',
      'v = 1',
    ]);
    assert.strictEqual(code.text, code.lines.join('\n'));
  });

  it('ends a single-quoted string at its line break, also after a trailing backslash', () => {
    const code = pythonCode('a = "x\\\n# comment\nb = 2 # c\n');
    assert.deepStrictEqual(code.lines, ['a = "x\\', '         ', 'b = 2    ', '']);
  });

  it('reads CRLF and CR line breaks as line breaks, and places lines on the raw text', () => {
    const code = pythonCode('import a\r\n  import b  \rx = 1 # c\r\n');
    assert.strictEqual(code.text, 'import a\n  import b  \nx = 1    \n');
    assert.deepStrictEqual(scanImports(code).map((i) => [i.module, i.line]), [['a', 0], ['b', 1]]);
    assert.deepStrictEqual(code.rangeOfLine(1), range(1, 2, 1, 10));
    assert.deepStrictEqual(code.rangeOfLine(2), range(2, 0, 2, 9));
    assert.deepStrictEqual(code.rangeOfLine(9), range(9, 0, 9, 0));
  });

  it('leaves a text with no quote and no comment as it is', () => {
    const text = 'import numpy as np\nnp.zeros(3)\n';
    assert.strictEqual(pythonCode(text).text, text);
  });

  it('finds imports at any indentation, skips relative and commented ones', () => {
    const code = pythonCode([
      'import torch.nn as nn, sklearn',
      '\tfrom mlflow.tracking import MlflowClient',
      'from . import local',
      '# import wandb',
      '"""',
      'import evidently',
      '"""',
      'if x: import optuna',
      'important = 1',
    ].join('\n'));
    assert.deepStrictEqual(scanImports(code).map((i) => [i.module, i.path, i.line]), [
      ['torch', 'torch.nn', 0], ['sklearn', 'sklearn', 0], ['mlflow', 'mlflow.tracking', 1],
    ]);
  });

  it('reads the names of an import statement as written, and counts lines to each', () => {
    const code = pythonCode([
      'import (a)',
      'for x in y: pass',
      'import numpy as np  ',
      'import a.b as c, d;',
      'from  x.y\timport z',
      'from x',
      'import',
      'x = 1\u2028import hidden',
      'import 1bad, ok',
      '',
      'import last',
    ].join('\n'));
    assert.deepStrictEqual(scanImports(code).map((i) => [i.module, i.path, i.line]), [
      ['a', 'a', 0], ['numpy', 'numpy', 2], ['a', 'a.b', 3], ['d', 'd', 3], ['x', 'x.y', 4], ['ok', 'ok', 8], ['last', 'last', 10],
    ]);
  });

  it('maps notebook code lines to their JSON strings, without magics', () => {
    const nb = JSON.stringify({ cells: [
      { cell_type: 'markdown', source: ['import nothing\n'] },
      { cell_type: 'code', source: ['%pip install x\n', 'import pandas  # data\n', 'df = 1'] },
    ] }, null, 1);
    const code = notebookCode(nb);
    assert.deepStrictEqual(code.lines, ['', 'import pandas  ' + ' '.repeat(6), 'df = 1', '']);
    const line = nb.split('\n').findIndex((l) => l.includes('import pandas'));
    assert.strictEqual(code.rangeOfLine(1).start.line, line);
    assert.deepStrictEqual(scanImports(code).map((i) => [i.module, i.line]), [['pandas', 1]]);
  });
});
