// The esbuild settings every bundle is built with: the product's (scripts/bundle.mjs) and the
// benchmark's floor (bench/run.ts), which must start the way the CLI does.
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  sourcemap: 'linked',
  // MLM_NO_MINIFY=1 for readable CPU profiles. No keepNames: it wraps every closure the code creates in a call.
  minify: !process.env.MLM_NO_MINIFY,
  logLevel: 'warning',
};
