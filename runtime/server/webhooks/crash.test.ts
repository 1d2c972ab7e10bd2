import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../testing/waitFor.ts';
import { walkDemo } from '../results/test/visitor.ts';
import { Receiver } from './test/receiver.ts';

const root = new URL('../../..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'tributary-webhook-crash-'));
const children: ChildProcess[] = [];
let rx: Receiver | undefined;

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await rx?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The real server as a child process on a free port, with short webhook pacing. */
async function spawnServer(): Promise<{ port: number; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'runtime/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TRIBUTARY_WEBHOOK_POLL_MS: '50',
      TRIBUTARY_WEBHOOK_BACKOFF_MS: '200',
      TRIBUTARY_WEBHOOK_LEASE_MS: '1500',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /localhost:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { port, proc };
}

async function call(port: number, method: string, path: string, token?: string, body?: unknown) {
  const r = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as any };
}

describe('webhooks across kill -9', () => {
  it('loses nothing: deliveries in flight when the node dies are sent again after the restart, with the same id', async () => {
    // A slow receiver: several deliveries are on the wire at any moment.
    rx = await Receiver.start(() => ({ status: 200, delayMs: 300 }));
    const first = await spawnServer();
    const admin = (
      await call(first.port, 'POST', '/api/session', undefined, {
        email: 'admin@demo.test',
        password: 'tributary-demo',
      })
    ).body.token;
    const created = await call(first.port, 'POST', '/api/webhooks', admin, {
      url: rx.url,
      events: ['conversation.started', 'conversation.ended'],
    });
    expect(created.status).toBe(201);
    const conversations = 6;
    for (let i = 0; i < conversations; i++) (await walkDemo(`ws://127.0.0.1:${first.port}`, ['no'], 'ended')).close();
    // Every step above was acknowledged, so its events are in the outbox. Kill while deliveries are on the wire.
    await waitFor('some deliveries', () => rx!.received.length >= 2);
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));
    const delivered = new Set(rx.received.map((r) => r.headers['webhook-id']));
    expect(delivered.size).toBeLessThan(conversations * 2);

    const second = await spawnServer();
    await waitFor(
      'every event delivered',
      () => new Set(rx!.received.map((r) => r.headers['webhook-id'])).size === conversations * 2,
      30_000,
    );
    const wh = new Webhook(created.body.secret);
    const types = new Map<string, string>();
    for (const r of rx.received) {
      const body = wh.verify(r.body, r.headers as Record<string, string>) as { type: string };
      const id = r.headers['webhook-id'] as string;
      // A duplicate is the same message: same id, same type.
      expect(types.get(id) ?? body.type).toBe(body.type);
      types.set(id, body.type);
    }
    expect([...types.values()].filter((t) => t === 'conversation.started')).toHaveLength(conversations);
    const admin2 = (
      await call(second.port, 'POST', '/api/session', undefined, {
        email: 'admin@demo.test',
        password: 'tributary-demo',
      })
    ).body.token;
    const log = (await call(second.port, 'GET', `/api/webhooks/${created.body.id}/deliveries`, admin2)).body;
    expect(new Set(log.map((d: { id: string }) => d.id))).toEqual(new Set(types.keys()));
    second.proc.kill('SIGKILL');
  }, 90_000);
});
