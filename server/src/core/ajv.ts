import type { default as Ajv2020, Options } from 'ajv/dist/2020';

/**
 * A new ajv (JSON Schema 2020-12). Its compiler is loaded on the first call, not at start-up: the
 * built-in schemas come precompiled (scripts/precompile.mjs), so most runs never compile one.
 */
export function newAjv(options: Options): Ajv2020 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: Ajv } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
  return new Ajv(options);
}
