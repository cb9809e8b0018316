// Bundles the CLI, the language server and the VS Code client into dist/ with esbuild.
import { build } from 'esbuild';
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
