// CPU time of threads, which a shared machine does not distort the way it distorts wall-clock time:
// a thread that waits for a core accrues none. Linux's /proc/<pid>/task/<tid>/schedstat gives each
// thread's time on a CPU in nanoseconds (first field); Node ≥ 23.9 also has process.threadCpuUsage().
import { readdirSync, readFileSync } from 'node:fs';

const onCpuNs = (path: string): number => Number(readFileSync(path, 'utf8').split(' ')[0]);

/** Seconds the calling thread has spent on a CPU. */
export function threadCpuSeconds(): number {
  const p = process as unknown as { threadCpuUsage?: () => { user: number; system: number } };
  if (typeof p.threadCpuUsage === 'function') {
    const u = p.threadCpuUsage();
    return (u.user + u.system) / 1e6;
  }
  return onCpuNs('/proc/thread-self/schedstat') / 1e9;
}

/** Seconds on a CPU of every thread of this process (main, workers, V8 and libuv helpers), by thread id. */
export function threadsCpu(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      out.set(Number(tid), onCpuNs(`/proc/self/task/${tid}/schedstat`) / 1e9);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

/** CPU seconds each thread gained between two snapshots, largest first. */
export function cpuGained(before: Map<number, number>, after: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [tid, s] of after) out.push(s - (before.get(tid) ?? 0));
  return out.sort((a, b) => b - a);
}
