/**
 * The floor the analysis is measured against: walk the same tree with the same ignore rules, then
 * read and parse the same files with the same parsers as the analysis did, nothing else.
 * `node out/bench/floor.js <dir> <parsed.json>` (the list comes from an analysis of the same tree).
 */
import fs = require('fs');
import path = require('path');
import { ProjectFiles } from '../server/src/core/model/files';
import { scanWorkspace } from '../server/src/core/scan/walk';
import { lowerHelperThreads } from '../server/src/threads';

async function main(): Promise<void> {
  // As the CLI's main does first: the floor runs its threads as the CLI runs them.
  lowerHelperThreads();
  const root = path.resolve(process.argv[2] ?? '.');
  const parsed = new Map<string, string[]>(JSON.parse(fs.readFileSync(process.argv[3], 'utf8')) as [string, string[]][]);
  // The same scan as the CLI's, which reads the texts of classified files as it goes, sizes from the reads.
  const scan = await scanWorkspace(root, { readUpTo: 5 * 1048576, withoutTimes: true });
  const texts = scan.texts!;
  const files = new ProjectFiles(scan.files, texts);
  let n = 0;
  for (const [file, formats] of parsed) {
    for (const format of formats) {
      if (format === 'yaml') files.yaml(file);
      else if (format === 'toml') files.toml(file);
      else if (format === 'json') files.json(file);
      else if (format === 'reqs') files.requirements(file);
      else if (format === 'docker') files.dockerfile(file);
      else if (format === 'ini') files.ini(file);
      else if (format === 'code') files.code(file);
      n++;
    }
  }
  process.stdout.write(`${scan.files.length} files, ${texts.size} read, ${n} parses\n`);
}

void main();
