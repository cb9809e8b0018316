// Bundles the CLI, the language server and the VS Code client into dist/ with esbuild.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  sourcemap: 'linked',
  // MLM_NO_MINIFY=1 for readable CPU profiles. No keepNames: it wraps every closure the code creates in a call.
  minify: !process.env.MLM_NO_MINIFY,
  logLevel: 'warning',
};

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
