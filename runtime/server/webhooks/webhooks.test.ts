import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../testing/waitFor.ts';
import { walkDemo } from '../results/test/visitor.ts';
import { bootServer, type TestServer } from '../testkit.ts';
import { Receiver } from './test/receiver.ts';

const EVENTS = [
  'conversation.started',
  'attribute.captured',
  'goal.reached',
  'livechat.requested',
  'livechat.connected',
  'livechat.missed',
  'conversation.ended',
];
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function boot(webhooks: Record<string, unknown>): Promise<{ t: TestServer; admin: string }> {
  const t = await bootServer({ webhooks: { pollMs: 30, leaseMs: 5000, timeoutMs: 2000, ...webhooks } });
  open.push(t);
  return { t, admin: await t.login('admin@demo.test') };
}

async function receiver(b: Parameters<typeof Receiver.start>[0]): Promise<Receiver> {
  const r = await Receiver.start(b);
  open.push(r);
  return r;
}

describe('webhooks', () => {
  it('delivers every event signed (Standard Webhooks), retries a failing receiver with the same id until it recovers', async () => {
    const { t, admin } = await boot({ backoffMs: [100, 200] });
    // The receiver fails its first three requests (500), then accepts.
    const rx = await receiver((n) => ({ status: n < 3 ? 500 : 204 }));
    const created = await t.api('POST', '/api/webhooks', { token: admin, body: { url: rx.url, events: EVENTS } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: rx.url, events: EVENTS, enabled: true });
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    expect((await t.api('GET', '/api/webhooks', { token: admin })).body[0].secret).toBeUndefined();

    (await walkDemo(t.ws, ['no'], 'ended')).close();
    // Nobody online: the hand-off falls back (livechat.missed).
    (await walkDemo(t.ws, ['yes', 'Ada', 'ada@example.com'], 'ended')).close();
    const expected = 2 + 2 + 2 + 1 + 1 + 1; // started×2, ended×2, captured×2, goal, requested, missed
    await waitFor(
      'all delivered',
      () => new Set(rx.delivered.map((r) => r.headers['webhook-id'])).size === expected,
      15_000,
    );

    const wh = new Webhook(secret);
    for (const r of rx.received) {
      const body = wh.verify(r.body, r.headers as Record<string, string>) as { type: string; data: any };
      expect(body.data).toMatchObject({ streamId: expect.any(String), version: 1, visitorId: expect.any(String) });
      expect(r.headers['content-type']).toBe('application/json');
    }
    // Retried ones kept their id: the failures' ids all arrived again, answered 2xx.
    const failedIds = rx.received.filter((r) => r.status === 500).map((r) => r.headers['webhook-id']);
    expect(failedIds).toHaveLength(3);
    for (const id of failedIds) expect(rx.delivered.map((r) => r.headers['webhook-id'])).toContain(id);
    const byType = (type: string) => rx.delivered.map((r) => JSON.parse(r.body)).filter((b) => b.type === type);
    // At least once, not in order: a retried event may arrive after later ones.
    expect(
      byType('attribute.captured')
        .map((b) => [b.data.attribute, b.data.value])
        .sort(),
    ).toEqual([
      ['email', 'ada@example.com'],
      ['firstName', 'Ada'],
    ]);
    expect(byType('goal.reached')[0].data).toMatchObject({ goal: 'sales-lead', score: 2 });
    expect(byType('livechat.missed')[0].data.reason).toBe('no-eligible-agent');
    const ended = byType('conversation.ended').map((b) => b.data);
    expect(ended.map((d) => d.outcome).sort()).toEqual(['completed', 'missed']);
    const transcript = ended.find((d) => d.outcome === 'missed').transcript;
    expect(transcript.map((i: { type: string }) => i.type)).toEqual(
      expect.arrayContaining(['bot', 'ask', 'visitor', 'fallback', 'ended']),
    );

    // The log: every delivery delivered; the first ones after several attempts.
    const id = created.body.id;
    const logOf = async () => (await t.api('GET', `/api/webhooks/${id}/deliveries`, { token: admin })).body;
    // The receiver answered before the attempt was recorded: wait for the log to say so.
    for (let i = 0; (await logOf()).some((d: { status: string }) => d.status !== 'delivered'); i++) {
      if (i > 100) throw new Error('the log never said delivered');
      await new Promise((r) => setTimeout(r, 50));
    }
    const log = await logOf();
    expect(log).toHaveLength(expected);
    expect(log.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
    expect(Math.max(...log.map((d: { attempts: number }) => d.attempts))).toBeGreaterThan(1);
    expect(log[0]).toMatchObject({ lastStatus: 204, lastError: null, lastMs: expect.any(Number) });

    // Resend: the same id once more. Test event: a new id of type webhook.test.
    const before = rx.received.length;
    const again = await t.api('POST', `/api/webhooks/${id}/deliveries/${log[0].id}/resend`, { token: admin });
    expect(again.status).toBe(202);
    const test = await t.api('POST', `/api/webhooks/${id}/test`, { token: admin });
    expect(test.status).toBe(202);
    await waitFor('resend and test', () => rx.received.length >= before + 2);
    const late = rx.received.slice(before);
    expect(late.map((r) => r.headers['webhook-id'])).toEqual(expect.arrayContaining([log[0].id, test.body.deliveryId]));
    const testReq = late.find((r) => r.headers['webhook-id'] === test.body.deliveryId)!;
    expect(wh.verify(testReq.body, testReq.headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });
  });

  it('refuses non-http(s) URLs and the runtime itself; removing an endpoint stops its deliveries', async () => {
    const { t, admin } = await boot({});
    const post = (url: string, events = ['goal.reached']) =>
      t.api('POST', '/api/webhooks', { token: admin, body: { url, events } });
    for (const url of [
      'ftp://example.com/x',
      'javascript:alert(1)',
      'not a url',
      `http://127.0.0.1:${t.server.port}/api/session`,
      `http://localhost:${t.server.port}/`,
      `http://[::1]:${t.server.port}/`,
    ]) {
      const r = await post(url);
      expect([url, r.status, r.body.error.code]).toEqual([url, 422, 'bad-url']);
    }
    expect((await post('https://example.com/x', ['no.such.event'])).status).toBe(400);
    const marketer = await t.login('marketer@demo.test');
    expect((await t.api('GET', '/api/webhooks', { token: marketer })).status).toBe(403);
    const rx = await receiver(() => ({ status: 200 }));
    const ok = await post(rx.url, ['conversation.started']);
    expect(ok.status).toBe(201);
    expect((await t.api('DELETE', `/api/webhooks/${ok.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.api('DELETE', `/api/webhooks/${ok.body.id}`, { token: admin })).status).toBe(404);
    (await walkDemo(t.ws, [], 'ask')).close();
    await new Promise((r) => setTimeout(r, 200));
    expect(rx.received).toEqual([]);
  });

  it('logs timeouts and redirects as failures, and disables an endpoint that keeps failing until an admin enables it', async () => {
    const { t, admin } = await boot({ backoffMs: [50], timeoutMs: 150, disableAfterMs: 400 });
    // Hangs, redirects, then answers 503 for ever.
    const rx = await receiver((n) =>
      n === 0 ? 'hang' : n === 1 ? { status: 302, location: 'http://127.0.0.1:1/' } : { status: 503 },
    );
    const created = await t.api('POST', '/api/webhooks', {
      token: admin,
      body: { url: rx.url, events: ['conversation.started'] },
    });
    (await walkDemo(t.ws, [], 'ask')).close();
    const id = created.body.id;
    for (let i = 0; (await t.api('GET', '/api/webhooks', { token: admin })).body[0].enabled; i++) {
      if (i > 200) throw new Error('the endpoint was never disabled');
      await new Promise((r) => setTimeout(r, 50));
    }
    const [endpoint] = (await t.api('GET', '/api/webhooks', { token: admin })).body;
    expect(endpoint).toMatchObject({
      enabled: false,
      disabledAt: expect.any(Number),
      failingSince: expect.any(Number),
      disabledCode: 'failing',
    });
    expect(endpoint.disabledReason).toMatch(/every delivery failed since .* \(last: HTTP 503\)/);
    const [d] = (await t.api('GET', `/api/webhooks/${id}/deliveries`, { token: admin })).body;
    expect(d).toMatchObject({ status: 'pending', lastStatus: 503 });
    expect(d.attempts).toBeGreaterThanOrEqual(3);
    // Nothing more is attempted while disabled.
    const attempts = rx.received.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(rx.received.length).toBe(attempts);
    const enabled = await t.api('PATCH', `/api/webhooks/${id}`, { token: admin, body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, failingSince: null, disabledReason: null });
    await waitFor('attempted again', () => rx.received.length > attempts);
  });
  it('deletes delivered deliveries from the log once past its retention, never one still being retried', async () => {
    const { t, admin } = await boot({ keepLogMs: 300, backoffMs: [60_000] });
    const okRx = await receiver(() => ({ status: 204 }));
    const badRx = await receiver(() => ({ status: 503 }));
    const add = async (url: string) =>
      (await t.api('POST', '/api/webhooks', { token: admin, body: { url, events: ['goal.reached'] } })).body.id;
    const ok = await add(okRx.url);
    const bad = await add(badRx.url);
    const logOf = async (id: string) => (await t.api('GET', `/api/webhooks/${id}/deliveries`, { token: admin })).body;
    for (const id of [ok, bad])
      expect((await t.api('POST', `/api/webhooks/${id}/test`, { token: admin })).status).toBe(202);
    await waitFor('both attempted', () => okRx.received.length === 1 && badRx.received.length === 1);
    for (let i = 0; (await logOf(ok)).length > 0; i++) {
      if (i > 200) throw new Error('the delivered one was never purged');
      await new Promise((r) => setTimeout(r, 50));
    }
    // The failing one waits a minute for its next attempt, older than the retention: still in the log.
    await new Promise((r) => setTimeout(r, 400));
    const [d] = await logOf(bad);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503 });
  });
});
