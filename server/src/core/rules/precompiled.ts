import type { ValidateFunction } from 'ajv';
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

/**
 * A hash of the schema files the validators are compiled from (names and contents, in order).
 * scripts/precompile.mjs calls this same function (from out/) for the hash it writes.
 */
export function schemasHash(): string {
  const dir = schemasDir();
  const files = [...listJsonFiles(path.join(dir, 'rules')), path.join(dir, 'practices.json'), path.join(dir, 'config.schema.json')];
  return contentHash(files.flatMap((f) => [path.relative(dir, f).split(path.sep).join('/'), fs.readFileSync(f, 'utf8')]));
}

/**
 * Two 32-bit FNV-1a hashes of the parts, each followed by a NUL. It tells a stale build from a
 * current one; nothing depends on it being hard to forge, and it spares loading node:crypto at
 * every start.
 */
function contentHash(parts: string[]): string {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4;
  const add = (c: number) => {
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  };
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) add(part.charCodeAt(i));
    add(0);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
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
      if (mod.hash === schemasHash()) loaded = mod;
    } catch {
      // Not built yet: compile at run time.
    }
  }
  return loaded ?? undefined;
}
