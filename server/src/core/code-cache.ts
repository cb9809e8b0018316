import fs = require('fs');
import { createRequire, wrap } from 'module';
import path = require('path');
import vm = require('vm');

/**
 * Bundles loaded with V8's code cache. A `<bundle>.cache` file beside a bundle holds the bytecode of
 * the functions a run at build time compiled (scripts/code-cache.mjs), so that a start neither
 * parses nor compiles them again. V8 checks a cache against its own version and flags and ignores
 * one made by another Node.js; of the source it checks only the length, so the file starts with a
 * copy of the source it was made from, compared byte for byte (one memcmp: a hash took node:crypto's
 * start-up and 5-7 ms a bundle), and another source's cache is never handed to V8.
 */
export type CacheUse = 'used' | 'rejected' | 'stale' | 'none';

/** The header: the source's length in bytes (then 4 bytes kept at zero), followed by the source. */
const HEADER_BYTES = 8;
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
  const bytes = fs.readFileSync(file);
  const { data, use } = readCache(file, bytes);
  const script = new vm.Script(wrap(bytes.toString('utf8')), { filename: file, cachedData: data });
  const writeCache = (): boolean => {
    try {
      const header = Buffer.alloc(HEADER_BYTES);
      header.writeUInt32LE(bytes.length, 0);
      fs.writeFileSync(`${file}.cache`, Buffer.concat([header, bytes, script.createCachedData()]));
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

function readCache(file: string, source: Buffer): { data?: Buffer; use: CacheUse } {
  let cache: Buffer;
  try {
    cache = fs.readFileSync(`${file}.cache`);
  } catch {
    return { use: 'none' };
  }
  const end = HEADER_BYTES + source.length;
  const same = cache.length > end && cache.readUInt32LE(0) === source.length && source.equals(cache.subarray(HEADER_BYTES, end));
  return same ? { data: cache.subarray(end), use: 'used' } : { use: 'stale' };
}
