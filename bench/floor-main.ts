/**
 * Starts the floor (floor.ts) as bin/mlmaturity.js starts the CLI: from one bundle, with the V8
 * code cache beside it when there is one, so that the ratio compares the work and not how each
 * starts. bench/run.ts makes the bundle and its cache. `node out/bench/floor-main.js <dir> <parsed.json>`.
 */
import path = require('path');
import { loadBundle } from '../server/src/core/code-cache';

loadBundle(path.join(__dirname, 'floor.bundle.js'));
