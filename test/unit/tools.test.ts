import * as assert from 'assert';
import { analyzeFiles } from '../support/repo';

describe('tools imported by Python files', () => {
  it('finds an import on any line, whatever breaks the lines', async () => {
    const { model } = await analyzeFiles({
      // Old Mac line breaks (CR only): the second line is a line of its own.
      'cr.py': 'import os\rimport wandb\rwandb_run = None\r',
      'crlf.py': 'def log():\r\n    from mlflow import log_metric\r\n    return log_metric\r\n',
      'lf.py': 'x = 1\n\t import numpy as np, evidently.report\n',
      'not_imports.py': 'important = "import dvclearml"\nx = 1; from_ = 2\n# import optuna\n',
    });
    const imports = Object.values(model.signals).flat().filter((e) => e.detail?.startsWith('imports ')).map((e) => [e.file, e.range?.start.line, e.detail]);
    assert.deepStrictEqual(imports.sort(), [
      ['cr.py', 1, 'imports wandb'],
      ['crlf.py', 1, 'imports mlflow'],
      ['lf.py', 1, 'imports evidently.report'],
    ]);
  });
});
