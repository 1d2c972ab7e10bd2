import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './freePort.ts';

const repo = resolve(import.meta.dirname, '..');

export interface NodeProcessOptions {
  /** NODE_ID: a readable name in logs and /healthz. */
  name: string;
  databaseUrl: string;
  redisUrl: string;
  /** More environment (LOG_LEVEL, TRIBUTARY_DEMO, …). */
  env?: Record<string, string>;
  /** Lines of the node's output go here (npm run cluster prints them); default: kept for errors only. */
  onOutput?: (line: string) => void;
}

/**
 * One runtime node as its own process (`runtime/server/main.ts`, exactly what `npm start` runs) on DATABASE_URL
 * and REDIS_URL, on a port of its own: the cluster tests and `npm run cluster` start three and `kill -9` them.
 */
export class NodeProcess {
  port = 0;
  private proc: ChildProcess | undefined;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'tributary-node-'));
  private output = '';
  /** Told of every chunk of output (`outputMatching`). */
  private readonly listeners = new Set<(chunk: string) => void>();

  constructor(readonly opts: NodeProcessOptions) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get ws(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get running(): boolean {
    return this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Starts the node (on the port it had before, after a kill) and waits until it listens. */
  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.spawnOnce();
      } catch (err) {
        // Right after a kill the port may still be held for a moment.
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  private spawnOnce(): Promise<void> {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(repo, 'runtime/server/main.ts')], {
      cwd: repo,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        ...this.opts.env,
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        DATABASE_URL: this.opts.databaseUrl,
        REDIS_URL: this.opts.redisUrl,
        NODE_ID: this.opts.name,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    this.output = '';
    const line = (d: Buffer) => {
      this.output = (this.output + d).slice(-20_000);
      for (const l of this.listeners) l(String(d));
      for (const l of String(d).split('\n')) if (l.trim()) this.opts.onOutput?.(l);
    };
    return new Promise<void>((ok, fail) => {
      proc.stdout!.on('data', (d: Buffer) => {
        line(d);
        if (/Tributary is running on/.test(this.output)) ok();
      });
      proc.stderr!.on('data', line);
      proc.once('exit', (code, signal) =>
        fail(new Error(`node ${this.opts.name} exited with ${code ?? signal}: ${this.output}`)),
      );
    });
  }

  /** `kill -9`: no shutdown hook runs; its lease and presence expire on their own. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await gone;
  }

  /** SIGSTOP: the process freezes (a long GC pause, a stopped VM): its timers stop, its sockets stay open. */
  pause(): void {
    if (this.running) this.proc!.kill('SIGSTOP');
  }

  /** SIGCONT after `pause`: it goes on from where it was, its overdue timers firing at once. */
  resume(): void {
    if (this.running) this.proc!.kill('SIGCONT');
  }

  /** A graceful stop (SIGTERM): hands routing over and removes its presence at once. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await gone;
  }

  async close(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** GET /healthz: `{ status, node, routingOwner }`. */
  async health(): Promise<{ status: string; node: string; routingOwner: boolean }> {
    return (await fetch(`${this.base}/healthz`)).json() as never;
  }

  async login(email: string, password = 'tributary-demo'): Promise<string> {
    const r = await fetch(`${this.base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (r.status !== 200) throw new Error(`sign-in of ${email} on ${this.opts.name}: ${r.status}`);
    return ((await r.json()) as { token: string }).token;
  }

  /**
   * Resolves once what the node writes from now on matches `pattern` (a warning it logs at the moment a test
   * waits for, e.g. a commit that failed), however the output comes in chunks; rejects after `ms` with its output.
   */
  outputMatching(pattern: RegExp, ms = 30_000): Promise<void> {
    return new Promise<void>((ok, fail) => {
      let heard = '';
      const hear = (chunk: string) => {
        heard = (heard + chunk).slice(-20_000);
        if (!pattern.test(heard)) return;
        this.listeners.delete(hear);
        clearTimeout(timer);
        ok();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(hear);
        fail(new Error(`${this.opts.name} wrote nothing matching ${pattern} in ${ms} ms: ${this.output}`));
      }, ms);
      this.listeners.add(hear);
    });
  }

  /** What the node wrote lately (for a failing test's message). */
  get log(): string {
    return this.output;
  }
}
