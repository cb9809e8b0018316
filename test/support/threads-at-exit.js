// Preloaded (`node -r`) into a process under test: as it exits, writes the nice value of each of
// its threads, by thread id, with its main thread's id, as JSON to the file MLM_THREADS_OUT names (Linux).
'use strict';
const fs = require('fs');
const { niceByThread } = require('../../out/test/support/threads');

process.on('exit', () => {
  fs.writeFileSync(process.env.MLM_THREADS_OUT, JSON.stringify({ main: process.pid, nice: [...niceByThread(process.pid)] }));
});
