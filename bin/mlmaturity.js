#!/usr/bin/env node
'use strict';
// The CLI's bundle is loaded with V8's code cache when the build made one (server/src/core/code-cache.ts).
const path = require('path');
const { loadBundle } = require('../dist/code-cache.js');
loadBundle(path.join(__dirname, '..', 'dist', 'cli.js')).exports.main();
