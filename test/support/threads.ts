import * as fs from 'fs';

/** The nice value of each thread of a running process, by thread id, from /proc (Linux). */
export function niceByThread(pid: number): Map<number, number> {
  const nice = new Map<number, number>();
  for (const id of fs.readdirSync(`/proc/${pid}/task`)) {
    const stat = fs.readFileSync(`/proc/${pid}/task/${id}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: state is field 3, nice field 19.
    nice.set(Number(id), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nice;
}

/** The nice values of a process's threads but its main one, and the main one's. */
export function helperNice(pid: number, nice = niceByThread(pid)): { main: number | undefined; helpers: number[] } {
  return { main: nice.get(pid), helpers: [...nice].filter(([id]) => id !== pid).map(([, n]) => n) };
}
