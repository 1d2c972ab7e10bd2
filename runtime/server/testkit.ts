import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { createDatabaseAt } from '../../testing/postgres.ts';
import { startServer, type RunningServer, type ServerOptions } from './startServer.ts';
import { ONE_ADDRESS_LOAD } from './security/config.ts';

/**
 * Helpers for the server tests: a real server on port 0 with a temporary data directory, real HTTP (fetch) and
 * WebSocket (ws) clients. Not a mock in sight (DESIGN.md convention 9).
 */
export interface TestServer {
  server: RunningServer;
  base: string;
  ws: string;
  dataDir: string;
  /** The server's PostgreSQL database, when it runs on one (TRIBUTARY_TEST_STORE=postgres); else SQLite in dataDir. */
  databaseUrl?: string;
  /** Signs in (demo password by default) and returns the token. */
  login(email: string, password?: string): Promise<string>;
  api(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string | Buffer; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** Each data directory's database on the run's PostgreSQL, so that a server restarted on the same directory finds its data. */
const databases = new Map<string, string>();

/**
 * Under `TRIBUTARY_TEST_STORE=postgres` (testing/postgresGlobalSetup.ts sets TRIBUTARY_TEST_PG_URL) every server a
 * test boots stores in a fresh database of that PostgreSQL, one per data directory; otherwise SQLite in the directory.
 */
async function testDatabaseUrl(dataDir: string): Promise<string | undefined> {
  const admin = process.env.TRIBUTARY_TEST_PG_URL;
  if (!admin) return undefined;
  let url = databases.get(dataDir);
  if (!url) databases.set(dataDir, (url = await createDatabaseAt(admin)));
  return url;
}

export async function bootServer(opts: Partial<ServerOptions> & { keepData?: boolean } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'tributary-test-'));
  // A test that names its store (`databaseUrl`, even undefined for SQLite) keeps it.
  const databaseUrl = 'databaseUrl' in opts ? opts.databaseUrl : await testDatabaseUrl(dataDir);
  const server = await startServer({
    port: 0,
    dataDir,
    logger: pino({ level: 'silent' }),
    ...opts,
    databaseUrl,
    security: { ...ONE_ADDRESS_LOAD, ...opts.security },
  });
  const base = `http://127.0.0.1:${server.port}`;
  const t: TestServer = {
    server,
    base,
    ws: `ws://127.0.0.1:${server.port}`,
    dataDir,
    databaseUrl,
    async login(email, password = 'tributary-demo') {
      const r = await t.api('POST', '/api/session', { body: { email, password } });
      if (r.status !== 200) throw new Error(`login ${email}: ${r.status}`);
      return r.body.token;
    },
    async api(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | Buffer | undefined = o.raw;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(base + path, { method, headers, body: body as BodyInit | undefined });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await server.close();
      if (!opts.keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** A WebSocket client that queues what it receives, so tests can wait for the next message of a kind. */
export class Client {
  readonly received: any[] = [];
  private waiters: {
    pred: (m: any) => boolean;
    resolve: (m: any) => void;
    reject: (e: Error) => void;
    timer: NodeJS.Timeout;
  }[] = [];
  closed: Promise<{ code: number; reason: string }>;
  /** Received and not yet taken by `next`. */
  private readonly pending: any[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const m = JSON.parse(String(data));
      this.received.push(m);
      this.pending.push(m);
      const w = this.waiters.find((x) => x.pred(m));
      if (w) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve(m);
      }
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  static async open(url: string, headers?: Record<string, string>): Promise<Client> {
    const socket = new WebSocket(url, { headers });
    const c = new Client(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return c;
  }

  send(msg: unknown): void {
    this.socket.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** The first message not yet taken by `next` that matches (waiting up to `ms`); it is taken, others stay. The
   * default wait is generous: on a 2-core machine running many suites (or several node processes) a message that
   * will come can take seconds; a test that expects nothing passes its own short `ms`. */
  next(pred: ((m: any) => boolean) | string, ms = 15_000): Promise<any> {
    const p = typeof pred === 'string' ? (m: any) => m.type === pred : pred;
    const i = this.pending.findIndex(p);
    if (i >= 0) return Promise.resolve(this.pending.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`no matching message in ${ms} ms; pending ${JSON.stringify(this.pending)}`));
      }, ms);
      this.waiters.push({
        pred: p,
        resolve: (m) => {
          this.pending.splice(this.pending.indexOf(m), 1);
          resolve(m);
        },
        reject,
        timer,
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}
