import fs = require('fs');
import path = require('path');
import { isRecord } from '../parse/document';
import { normalizeName } from '../parse/requirements';
import type { ProjectFiles } from './files';

/**
 * Package versions the project already fixes somewhere: its lockfiles, pip-compile output, and the
 * dist-info METADATA of virtualenvs inside the workspace. Pinning fixes take versions only from here.
 */
export async function knownVersions(files: ProjectFiles, root: string, environments: string[]): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  const set = (name: string, version: string) => {
    const key = normalizeName(name);
    if (!versions.has(key) && /^\d[\w.+!-]*$/.test(version)) versions.set(key, version);
  };
  for (const f of files.ofKind('lockfile')) {
    const text = files.text(f.path) ?? '';
    const name = f.path.split('/').pop() ?? '';
    if (name === 'Pipfile.lock') {
      const value = files.json(f.path)?.value;
      for (const section of ['default', 'develop']) {
        const table = isRecord(value) ? value[section] : undefined;
        if (!isRecord(table)) continue;
        for (const [pkg, info] of Object.entries(table)) if (isRecord(info) && typeof info.version === 'string') set(pkg, info.version.replace(/^==/, ''));
      }
    } else if (name.endsWith('.lock')) {
      for (const block of text.split(/^\[\[package\]\]\s*$/m).slice(1)) {
        const n = /^name\s*=\s*"([^"]+)"/m.exec(block);
        const v = /^version\s*=\s*"([^"]+)"/m.exec(block);
        if (n && v && !/^source\s*=\s*\{\s*(editable|virtual)/m.test(block)) set(n[1], v[1]);
      }
    } else {
      for (const m of text.matchAll(/^\s*-?\s*name:\s*([\w.-]+)\s*\n\s*(?:manager:\s*\w+\s*\n\s*)?(?:\w+:.*\n\s*)*?version:\s*['"]?([\w.+!-]+)/gm)) set(m[1], m[2]);
    }
  }
  for (const f of files.ofKind('requirements')) {
    const reqs = files.requirements(f.path);
    if (!reqs || !(reqs.compiled || reqs.hashed)) continue;
    for (const r of reqs.requirements) {
      const exact = /^===?\s*([\w.+!-]+)$/.exec(r.specifier);
      if (exact) set(r.name, exact[1]);
    }
  }
  for (const env of environments) await readEnvironment(path.join(root, env), set);
  return versions;
}

async function readEnvironment(dir: string, set: (name: string, version: string) => void): Promise<void> {
  const sitePackages: string[] = [];
  for (const lib of ['lib', 'Lib', 'lib64']) {
    const libDir = path.join(dir, lib);
    const entries = await fs.promises.readdir(libDir).catch(() => [] as string[]);
    if (entries.includes('site-packages')) sitePackages.push(path.join(libDir, 'site-packages'));
    for (const e of entries) if (/^python\d/.test(e)) sitePackages.push(path.join(libDir, e, 'site-packages'));
  }
  for (const sp of sitePackages) {
    const entries = await fs.promises.readdir(sp).catch(() => [] as string[]);
    await Promise.all(entries.filter((e) => e.endsWith('.dist-info')).map(async (e) => {
      const head = await readHead(path.join(sp, e, 'METADATA'));
      const name = /^Name:\s*(.+)$/m.exec(head)?.[1].trim();
      const version = /^Version:\s*(.+)$/m.exec(head)?.[1].trim();
      if (name && version) set(name, version);
    }));
  }
}

async function readHead(file: string): Promise<string> {
  try {
    const handle = await fs.promises.open(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}
