import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPostgres } from '../testing/postgres.ts';

const TICK_US = 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** The fields of /proc/PID/stat after the command name (which may hold spaces): state is [0], ppid [1], utime
 * [11], stime [12], cutime [13], cstime [14]; undefined when the process is gone. */
function statOf(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU time (µs) of one process so far (its threads included), e.g. a throwaway `redis-server`. */
export function processCpuUs(pid: number): number {
  const f = statOf(pid);
  return f ? (Number(f[11]) + Number(f[12])) * TICK_US : 0;
}

/**
 * CPU time (µs) of a throwaway PostgreSQL's processes so far: the postmaster, every process it runs and every one
 * that exited (read from /proc). PostgreSQL works in processes of its own, so a benchmark of the runtime on it reports this beside
 * the runtime's own CPU.
 */
export function pgCpuUs(pg: TestPostgres): number {
  const postmaster = Number(readFileSync(join(pg.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statOf(entry);
    if (!f) continue;
    if (Number(entry) === postmaster || Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    // Backends that exited (a pool closing idle connections) took their CPU with them: the postmaster's
    // children's time (cutime, cstime) keeps it once it has waited for them.
    if (Number(entry) === postmaster) ticks += Number(f[13]) + Number(f[14]);
  }
  return ticks * TICK_US;
}
