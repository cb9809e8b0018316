// The rule files under schemas/rules/, shared by the build scripts, in the same order as the runtime's
// listJsonFiles (server/src/core/catalog.ts).
import { readdirSync } from 'fs';
import { join } from 'path';

export function ruleFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? ruleFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [])).sort();
}
