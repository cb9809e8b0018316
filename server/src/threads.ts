import fs = require('fs');
import os = require('os');
import { isMainThread } from 'worker_threads';

/** The highest nice value: the lowest priority Linux gives a thread. */
const LOWEST = 19;

/**
 * Sets every thread of this process but the main one to the lowest priority, on Linux (elsewhere it
 * does nothing); returns how many it set. Those threads are Node's and V8's: four that compile hot
 * functions with TurboFan and help the garbage collector, and two that mostly wait. In a cold run
 * on the 20,000-file benchmark tree the four used about 0.8 s of CPU, on top of the main thread's
 * 1.2 s; with up to four of them busy on a 2-core machine, the main thread, which the report waits
 * on, had to take turns with them. At the lowest priority they run on a core the main thread leaves
 * free. Linux keeps a priority per thread, and `setpriority` given a thread's id sets that thread's.
 */
export function lowerHelperThreads(): number {
  if (process.platform !== 'linux' || !isMainThread) return 0;
  let threads: string[];
  try {
    threads = fs.readdirSync('/proc/self/task');
  } catch {
    return 0;
  }
  let lowered = 0;
  for (const id of threads) {
    if (Number(id) === process.pid) continue;
    try {
      os.setPriority(Number(id), LOWEST);
      lowered++;
    } catch {
      // Gone since the list was read, or not ours to change: it keeps its priority.
    }
  }
  return lowered;
}
