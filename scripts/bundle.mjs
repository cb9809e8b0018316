// Bundles the CLI, the language server and the VS Code client into dist/ with esbuild.
import { build } from 'esbuild';
import { readFileSync } from 'fs';
import { bundleOptions } from './bundle-options.mjs';

const common = { ...bundleOptions, outdir: 'dist' };

await Promise.all([
  // The client runs inside VS Code's extension host, which provides `vscode`.
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'] }),
  // ajv's compiler is loaded from its own file when a schema must be compiled at run time (server/src/core/ajv.ts).
  build({ ...common, entryPoints: { cli: 'server/src/cli/main.ts', server: 'server/src/lsp/main.ts' }, external: ['ajv', 'ajv/*'] }),
  build({ ...common, entryPoints: { ajv: 'ajv/dist/2020' } }),
  // What bin/mlmaturity.js loads the CLI's bundle with: V8's code cache beside it, when the build made one.
  build({ ...common, entryPoints: { 'code-cache': 'server/src/core/code-cache.ts' } }),
  // Validators compiled at build time (scripts/precompile.mjs), loaded by path at run time.
  build({ ...common, entryPoints: { validators: 'generated/validators.js' } }),
]);

// One character above U+007F makes V8 hold a bundle's whole source as UTF-16, twice the bytes to read
// into memory at every start. esbuild escapes such characters in strings but not in regular expressions.
// Unminified builds, for readable profiles, keep comments, some of the packages' not ASCII: not checked.
for (const name of bundleOptions.minify ? ['cli', 'server', 'validators'] : []) {
  const bytes = readFileSync(`dist/${name}.js`);
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at >= 0) {
    const context = bytes.subarray(Math.max(0, at - 40), at + 12).toString('utf8');
    process.stderr.write(`bundle: dist/${name}.js is not ASCII at byte ${at} (${context}): escape the character in the source (\\uXXXX)\n`);
    process.exit(1);
  }
}
