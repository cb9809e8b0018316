#!/usr/bin/env node
'use strict';
const { runCli } = require('../dist/cli.js');
runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: !!process.stdout.isTTY,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
