import type { ValidateFunction } from 'ajv';
import path = require('path');
import { listJsonFiles, schemasDir, schemaText } from '../catalog';
import { loadBundle } from '../code-cache';

export interface Precompiled {
  /** The schema files they were compiled from, as `schemasSource` gave them at build time. */
  source: string;
  rules: Record<string, ValidateFunction>;
  /** By `met:<practice id>` and `partial:<practice id>`. */
  practices: Record<string, ValidateFunction>;
  config: ValidateFunction;
  /** Fixes' `when` schemas, by their JSON text. */
  when: Record<string, ValidateFunction>;
}

let loaded: Precompiled | null | undefined;

/**
 * The schema files the validators are compiled from: names and contents, in order, each followed by
 * a NUL. scripts/precompile.mjs embeds what this same function gives (from out/), and every start
 * compares the two whole, which is exact and one native comparison of 120,000 characters. A hash
 * computed here instead took 8-13 ms of every start: the loop over each character ran cold.
 */
export function schemasSource(): string {
  const dir = schemasDir();
  const files = [...listJsonFiles(path.join(dir, 'rules')), path.join(dir, 'practices.json'), path.join(dir, 'config.schema.json')];
  // Every file lies below `dir` (joined to it by listJsonFiles): its name is what follows, without path.relative's resolving.
  return files.map((f) => `${f.slice(dir.length + 1).split(path.sep).join('/')}\0${schemaText(f)}\0`).join('');
}

/**
 * The validators compiled at build time (dist/validators.js), when they were built from the
 * schemas as they are now; otherwise undefined and callers compile at run time.
 */
export function precompiled(): Precompiled | undefined {
  if (loaded === undefined) {
    loaded = null;
    try {
      const mod = loadBundle(path.join(schemasDir(), '..', 'dist', 'validators.js')).exports as Precompiled;
      if (mod.source === schemasSource()) loaded = mod;
    } catch {
      // Not built yet: compile at run time.
    }
  }
  return loaded ?? undefined;
}
