import type { ValidateFunction } from 'ajv';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { listJsonFiles, schemasDir } from '../catalog';

export interface Precompiled {
  hash: string;
  rules: Record<string, ValidateFunction>;
  /** By `met:<practice id>` and `partial:<practice id>`. */
  practices: Record<string, ValidateFunction>;
  config: ValidateFunction;
  /** Fixes' `when` schemas, by their JSON text. */
  when: Record<string, ValidateFunction>;
}

let loaded: Precompiled | null | undefined;

/** The hash scripts/precompile.mjs computes: schema file names and contents, in order. */
function currentHash(): string {
  const dir = schemasDir();
  const files = [...listJsonFiles(path.join(dir, 'rules')), path.join(dir, 'practices.json'), path.join(dir, 'config.schema.json')];
  const h = createHash('sha256');
  for (const f of files) h.update(path.relative(dir, f).split(path.sep).join('/')).update('\0').update(fs.readFileSync(f, 'utf8')).update('\0');
  return h.digest('hex');
}

/**
 * The validators compiled at build time (dist/validators.js), when they were built from the
 * schemas as they are now; otherwise undefined and callers compile at run time.
 */
export function precompiled(): Precompiled | undefined {
  if (loaded === undefined) {
    loaded = null;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(schemasDir(), '..', 'dist', 'validators.js')) as Precompiled;
      if (mod.hash === currentHash()) loaded = mod;
    } catch {
      // Not built yet: compile at run time.
    }
  }
  return loaded ?? undefined;
}
