import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './freePort.ts';

/** Debian's PostgreSQL 15 (the package `postgresql`); PG_BIN overrides it. */
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** PostgreSQL refuses to run as root: the server runs as Debian's unprivileged `postgres` user. */
const USER = 'postgres';

export interface TestPostgresOptions {
  /** false: no fsync (tests that do not crash the machine need no disk flush; the product's settings are
   * unchanged: `synchronous_commit` stays on). Default true. */
  fsync?: boolean;
  /** More server settings (`-c name=value`), e.g. `shared_preload_libraries: 'pg_stat_statements'` (benchmarks). */
  settings?: Record<string, string>;
}

/**
 * A throwaway PostgreSQL: `initdb` in a temporary folder (owned by `postgres`), the server on a free port of
 * 127.0.0.1 with its unix socket in that folder, trust authentication for the local superuser. Each test gets a
 * database of its own (`createDatabase`, a copy of template1: fast). `stop`/`start` restart it on the same port
 * and data (the fault tests); `destroy` stops it and removes the folder.
 */
export class TestPostgres {
  private proc: ChildProcess | undefined;
  private admin: pg.Pool | undefined;
  private count = 0;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly opts: TestPostgresOptions,
  ) {}

  static async start(opts: TestPostgresOptions = {}): Promise<TestPostgres> {
    if (!existsSync(join(BIN, 'postgres'))) {
      throw new Error(`PostgreSQL is not installed at ${BIN} (apt-get install postgresql, or set PG_BIN)`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'tributary-pg-'));
    const ids = spawnSync('id', ['-u', USER], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', USER], { encoding: 'utf8' });
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
    const init = spawnSync(
      'runuser',
      [
        '-u',
        USER,
        '--',
        join(BIN, 'initdb'),
        '-D',
        join(dir, 'data'),
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-sync',
      ],
      { encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
    const server = new TestPostgres(dir, await freePort(), opts);
    await server.launch();
    return server;
  }

  /** The URL of the server's `postgres` database (superuser). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get running(): boolean {
    return this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** A new empty database; resolves with its URL. */
  async createDatabase(prefix = 't'): Promise<string> {
    const name = `${prefix}_${process.pid}_${++this.count}_${Date.now().toString(36)}`;
    if (!this.admin) {
      this.admin = new pg.Pool({ connectionString: this.url(), max: 2 });
      // An idle admin connection cut by a stop or restart (57P01) is expected, not an uncaught error of the test.
      this.admin.on('error', () => undefined);
    }
    await this.admin.query(`create database "${name}"`);
    return this.url(name);
  }

  /** Stops the server (fast shutdown: open connections are cut), keeping its data. */
  async stop(): Promise<void> {
    await this.admin?.end().catch(() => undefined);
    this.admin = undefined;
    const proc = this.proc;
    if (!proc || !this.running) return;
    const gone = new Promise((r) => proc.once('exit', r));
    // SIGINT to the postmaster is PostgreSQL's fast shutdown (runuser does not pass signals on).
    const pid = Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGINT');
    await gone;
  }

  /** Starts it again on the same port and data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** Starts a stopped server again. */
  start(): Promise<void> {
    return this.launch();
  }

  /** Stops the server and removes its folder. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const args = [
      '-u',
      USER,
      '--',
      join(BIN, 'postgres'),
      '-D',
      join(this.dir, 'data'),
      '-p',
      String(this.port),
      '-h',
      '127.0.0.1',
      '-k',
      this.dir,
      '-c',
      'max_connections=200',
      '-c',
      `fsync=${this.opts.fsync === false ? 'off' : 'on'}`,
      ...Object.entries(this.opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ];
    const proc = spawn('runuser', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out = (out + d).slice(-4000)));
    const exited = new Promise<never>((_, fail) =>
      proc.once('exit', (code) => fail(new Error(`postgres exited with ${code}: ${out.slice(-1000)}`))),
    );
    exited.catch(() => undefined);
    const until = Date.now() + 30_000;
    for (;;) {
      const client = new pg.Client({ connectionString: this.url() });
      try {
        await Promise.race([client.connect(), exited]);
        await client.end();
        return;
      } catch (err) {
        await client.end().catch(() => undefined);
        if (!this.running || Date.now() > until) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
}

let created = 0;

/** A new empty database on the server whose superuser URL is `adminUrl`; resolves with the new database's URL. */
export async function createDatabaseAt(adminUrl: string): Promise<string> {
  const name = `t_${process.pid}_${++created}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
