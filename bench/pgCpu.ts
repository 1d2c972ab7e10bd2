import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPostgres } from '../testing/postgres.ts';

const TICK_US = 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

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
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name (which may hold spaces): state is 3, ppid 4, utime 14, stime 15.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(entry) === postmaster || Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    // Backends that exited (a pool closing idle connections) took their CPU with them: the postmaster's
    // children's time (cutime, cstime: 16, 17) keeps it once it has waited for them.
    if (Number(entry) === postmaster) ticks += Number(f[13]) + Number(f[14]);
  }
  return ticks * TICK_US;
}
