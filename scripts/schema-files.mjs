// The rule files under schemas/rules/, shared by the build scripts. Same order as the runtime's
// listJsonFiles (server/src/core/catalog.ts): the precompiled validators' hash depends on it.
import { readdirSync } from 'fs';
import { join } from 'path';

export function ruleFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? ruleFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [])).sort();
}
