import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './freePort.ts';

/**
 * A throwaway `redis-server` (Debian's package) on a free port of 127.0.0.1, with no persistence at all: the
 * product keeps nothing in Redis that cannot be rebuilt, and tests prove it by restarting this one empty.
 */
export class TestRedis {
  private proc: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  /** Starts a server and waits until it accepts connections. */
  static async start(): Promise<TestRedis> {
    const redis = new TestRedis(await freePort());
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The server's process id, while it runs (a benchmark reads its CPU time). */
  get pid(): number | undefined {
    return this.running ? this.proc?.pid : undefined;
  }

  /** Whether the server process is running. */
  get running(): boolean {
    return this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** `kill -9` of the server: every client loses its connection, and all data is gone. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await gone;
  }

  /** Kills the server and starts an empty one on the same port (as an operator's restart would). */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** Stops the server for good. */
  async stop(): Promise<void> {
    await this.kill();
    this.proc = undefined;
  }

  private async launch(): Promise<void> {
    // Right after a kill the port may still be held for a moment: try again a few times.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.spawnOnce();
        return;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  private spawnOnce(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const proc = spawn(process.env.REDIS_SERVER ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    return new Promise<void>((ok, fail) => {
      let out = '';
      const seen = (d: Buffer) => {
        out += d;
        if (out.includes('Ready to accept connections')) {
          proc.stdout!.off('data', seen);
          proc.stdout!.resume();
          ok();
        }
      };
      proc.stdout!.on('data', seen);
      proc.stderr!.on('data', (d) => (out += d));
      proc.once('error', fail);
      proc.once('exit', (code) => fail(new Error(`redis-server exited with ${code}: ${out.slice(-500)}`)));
    });
  }
}
