import fs = require('fs');
import path = require('path');

/** The files below a folder whose names match, depth first, as paths. */
export function filesUnder(dir: string, name: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, name) : name.test(e.name) ? [full] : [];
  });
}
