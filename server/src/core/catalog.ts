import fs = require('fs');
import path = require('path');

/**
 * The schemas/ folder holds the product's knowledge as data. It is found by walking up from this
 * module, so the same code works from tsc output, from the esbuild bundle and from the .vsix.
 */
let schemasDirCache: string | undefined;

export function schemasDir(): string {
  if (schemasDirCache) return schemasDirCache;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(candidate, 'practices.json'))) return (schemasDirCache = candidate);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`ML Maturity: cannot find its schemas/ folder above ${__dirname}`);
    dir = parent;
  }
}

/** The .json files under a folder and its subfolders, sorted: rule folders, the product's and a team's. */
export function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJsonFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

const jsonCache = new Map<string, unknown>();
const textCache = new Map<string, string>();

/**
 * The text of a file of the product's schemas folder, by absolute path, read once per process: the
 * rule loader and the precompiled validators' staleness check both read every rule file at start-up.
 */
export function schemaText(file: string): string {
  let text = textCache.get(file);
  if (text === undefined) {
    text = fs.readFileSync(file, 'utf8');
    textCache.set(file, text);
  }
  return text;
}

/** Reads and caches one JSON file of the product's own catalogs (never a file of the analysed repo). */
export function loadCatalog<T>(name: string): T {
  let value = jsonCache.get(name);
  if (value === undefined) {
    value = JSON.parse(schemaText(path.join(schemasDir(), name)));
    jsonCache.set(name, value);
  }
  return value as T;
}

/** The product version, from the package.json beside schemas/. */
export function productVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(schemasDir(), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
