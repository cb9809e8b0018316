import * as assert from 'assert';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { filesUnder } from '../support/files';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Each `from '...'` and `require('...')` of a file, with its line. */
function imports(file: string): { spec: string; line: number; text: string }[] {
  return fs.readFileSync(file, 'utf8').split('\n').flatMap((text, i) => {
    const m = /^\s*import\b.*(?:from\s+|require\()'([^']+)'/.exec(text);
    return m ? [{ spec: m[1], line: i + 1, text: text.trim() }] : [];
  });
}

describe('sources', () => {
  const core = filesUnder(path.join(ROOT, 'server', 'src', 'core'), /\.ts$/);
  const bundled = [...filesUnder(path.join(ROOT, 'server', 'src'), /\.ts$/), path.join(ROOT, 'bench', 'floor.ts'), path.join(ROOT, 'bench', 'floor-main.ts')];

  it('the core imports neither VS Code, nor the protocol library, nor the layers above it', () => {
    assert.ok(core.length > 50);
    const wrong = core.flatMap((f) =>
      imports(f)
        .filter(({ spec }) => /^vscode(-|$)/.test(spec) || /^(\.\.\/)+(lsp|cli)(\/|$)/.test(spec))
        .map(({ line, text }) => `${path.relative(ROOT, f)}:${line}: ${text}`),
    );
    assert.deepStrictEqual(wrong, []);
  });

  // `import * as fs from 'fs'` makes esbuild copy the module, a getter per property, at every start:
  // 2.5 ms of the CLI's, for its 22 such imports. `import fs = require('fs')` is the module itself.
  it("bundled code imports Node's built-in modules with `import x = require(...)` or by name, never as a namespace", () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const wrong = bundled.flatMap((f) =>
      imports(f)
        .filter(({ spec, text }) => builtins.has(spec) && /^import\s+\*\s+as\b/.test(text))
        .map(({ line, text }) => `${path.relative(ROOT, f)}:${line}: ${text}`),
    );
    assert.deepStrictEqual(wrong, []);
  });
});
