import { spawn } from 'node:child_process';

export interface Measured {
  /** Messages (echo) or steps answered in the measured seconds. */
  n: number;
  /** This process's CPU time meanwhile (all its threads), µs. */
  cpuUs: number;
  user: number;
  system: number;
}

/**
 * One measured round of ./runtimeClient.ts (its own process) against a server running in this process: a second
 * of warm-up under load, then this process's CPU time while the client runs `seconds` (the server's, as this
 * process does nothing else meanwhile). `around` brackets the measured seconds (a benchmark that also counts
 * another process's CPU, such as PostgreSQL's, reads it there).
 */
export async function measure(
  mode: 'echo' | 'visitor',
  url: string,
  opts: { sockets: number; inflight: number; seconds: number; around?: { start(): void; stop(): void } },
): Promise<Measured> {
  const { sockets, inflight, seconds } = opts;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('./runtimeClient.ts', import.meta.url).pathname,
      mode,
      url,
      String(sockets),
      String(inflight),
      String(seconds),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  let before = process.cpuUsage();
  const done = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('ready') && !out.includes('go')) {
        out += ' go';
        // Warm up for a second under load, then measure.
        setTimeout(() => {
          before = process.cpuUsage();
          opts.around?.start();
          child.stdin.write('go\n');
        }, 1000);
      }
      const m = /done (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => code !== 0 && reject(new Error(`client exited with ${code}`)));
  });
  const n = await done;
  const used = process.cpuUsage(before);
  opts.around?.stop();
  return { n, cpuUs: used.user + used.system, user: used.user, system: used.system };
}
