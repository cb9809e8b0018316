import path = require('path');
import type { default as Ajv2020, Options } from 'ajv/dist/2020';
import { schemasDir } from './catalog';

type AjvModule = typeof import('ajv/dist/2020');

let ajvModule: AjvModule | undefined;

/**
 * A new ajv (JSON Schema 2020-12). Its compiler is loaded on the first call, not at start-up: the
 * built-in schemas come precompiled (scripts/precompile.mjs), so most runs never compile one. The
 * bundles leave ajv out and load it from its own file (dist/ajv.js): bundled, the 130 KB of its
 * source were parsed at every start, about 7 ms of it.
 */
export function newAjv(options: Options): Ajv2020 {
  return new (loadAjv().default)(options);
}

function loadAjv(): AjvModule {
  if (ajvModule) return ajvModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ajvModule = require(path.join(schemasDir(), '..', 'dist', 'ajv.js')) as AjvModule;
  } catch {
    // Not bundled yet (tests run on the compiled sources): the package itself.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ajvModule = require('ajv/dist/2020') as AjvModule;
  }
  return ajvModule;
}
