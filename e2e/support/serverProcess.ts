import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createDatabaseAt } from '../../testing/postgres.ts';

const repo = resolve(import.meta.dirname, '../..');

/**
 * The real runtime in a child process on one DATA_DIR, so a suite can `kill -9` it and start it again on the same
 * data and port, as an operator's supervisor would.
 */
export class ServerProcess {
  port = 0;
  private proc: ChildProcess | undefined;
  readonly dataDir: string;
  /** On the PostgreSQL run (TRIBUTARY_TEST_STORE=postgres): this runtime's own database, kept across restarts. */
  private databaseUrl: string | undefined;

  constructor(private readonly root?: string) {
    this.dataDir = mkdtempSync(join(tmpdir(), 'tributary-e2e-'));
  }

  /** The runtime's process id (for reading its memory from /proc). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get ws(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Starts the runtime (on the port it had before, after a restart) and waits until it listens. */
  async start(): Promise<void> {
    // A fixed port from the start: uWS sets SO_REUSEADDR only when it is given a port, and without it a restart
    // on the same port fails while the killed process's connections sit in TIME_WAIT.
    if (this.port === 0) this.port = await freePort();
    const adminUrl = process.env.TRIBUTARY_TEST_PG_URL;
    if (process.env.TRIBUTARY_TEST_STORE === 'postgres' && adminUrl)
      this.databaseUrl ??= await createDatabaseAt(adminUrl);
    // Right after a kill the port can still be held for a moment: try again a few times.
    for (let attempt = 0; ; attempt++) {
      try {
        this.port = await this.spawnOnce();
        return;
      } catch (err) {
        if (attempt >= 20) throw err;
        if (process.env.E2E_DEBUG) console.error(`restart attempt ${attempt}: ${String(err).slice(0, 80)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  private spawnOnce(): Promise<number> {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(repo, 'e2e/support/serverMain.ts')], {
      cwd: repo,
      env: {
        ...process.env,
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        DATABASE_URL: this.databaseUrl ?? '',
        E2E_ROOT: this.root ?? '',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    return new Promise<number>((ok, fail) => {
      let out = '';
      proc.stdout!.on('data', (d) => {
        out += d;
        const m = /listening on (\d+)/.exec(out);
        if (m) ok(Number(m[1]));
      });
      proc.stderr!.on('data', (d) => (out += d));
      proc.once('exit', (code) => fail(new Error(`the runtime exited with ${code}: ${out}`)));
    });
  }

  /** `kill -9`: no shutdown hook runs, nothing is flushed. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await gone;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  async close(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async login(email: string, password = 'tributary-demo'): Promise<string> {
    const r = await fetch(`${this.base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (r.status !== 200) throw new Error(`sign-in of ${email}: ${r.status}`);
    return ((await r.json()) as { token: string }).token;
  }

  async api(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: r.status, body: parsed };
  }
}

/** A port that is free right now (the kernel's pick for port 0). */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}
