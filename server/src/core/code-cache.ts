import { createHash } from 'crypto';
import * as fs from 'fs';
import { createRequire, wrap } from 'module';
import * as path from 'path';
import * as vm from 'vm';

/**
 * Bundles loaded with V8's code cache. A `<bundle>.cache` file beside a bundle holds the bytecode of
 * the functions a run at build time compiled (scripts/code-cache.mjs), so that a start neither
 * parses nor compiles them again: 45-100 ms of a cold CLI run. V8 checks a cache against its own
 * version and flags and ignores one made by another Node.js; of the source it checks only the
 * length, so the file starts with a hash of the source it was made from, and another source's is
 * never handed to V8.
 */
export type CacheUse = 'used' | 'rejected' | 'stale' | 'none';

const HASH_BYTES = 32;
/** Set at build time: each bundle loaded writes its cache as the process exits. */
const WRITE_ON_EXIT = !!process.env.MLM_WRITE_CODE_CACHE;

export interface LoadedBundle {
  exports: unknown;
  cache: CacheUse;
  /** Writes the cache beside the bundle, with the functions compiled so far; false when it cannot be written. */
  writeCache(): boolean;
}

/** Loads a CommonJS bundle as `require` would, with its code cache when a valid one sits beside it. */
export function loadBundle(file: string): LoadedBundle {
  const source = fs.readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(source).digest();
  const { data, use } = readCache(file, hash);
  const script = new vm.Script(wrap(source), { filename: file, cachedData: data });
  const writeCache = (): boolean => {
    try {
      fs.writeFileSync(`${file}.cache`, Buffer.concat([hash, script.createCachedData()]));
      return true;
    } catch {
      // A read-only install runs without a cache, as before one was made.
      return false;
    }
  };
  if (WRITE_ON_EXIT) process.on('exit', writeCache);
  const mod = { exports: {} as unknown };
  const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: unknown, filename: string, dirname: string) => void;
  run(mod.exports, createRequire(file), mod, file, path.dirname(file));
  return { exports: mod.exports, cache: data && script.cachedDataRejected ? 'rejected' : use, writeCache };
}

function readCache(file: string, hash: Buffer): { data?: Buffer; use: CacheUse } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(`${file}.cache`);
  } catch {
    return { use: 'none' };
  }
  if (bytes.length <= HASH_BYTES || !hash.equals(bytes.subarray(0, HASH_BYTES))) return { use: 'stale' };
  return { data: bytes.subarray(HASH_BYTES), use: 'used' };
}
