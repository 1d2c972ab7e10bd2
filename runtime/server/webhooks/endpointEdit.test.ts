import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ROTATION_GRACE_MS } from '../../../shared/api/webhooks.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { walkDemo } from '../results/test/visitor.ts';
import type { WebhookEndpoint } from '../store/webhooks.ts';
import { bootServer, type TestServer } from '../testkit.ts';
import { signature } from './deliverer.ts';
import { Receiver } from './test/receiver.ts';

/**
 * Editing an endpoint (URL, event types) and rotating its secret, against real receivers that verify the
 * signatures with the `standardwebhooks` library: during the grace period a delivery verifies with either secret.
 */
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function setup() {
  const t = await bootServer({ webhooks: { pollMs: 30, leaseMs: 5000, timeoutMs: 2000 } });
  open.push(t);
  const rx = [await Receiver.start(() => ({ status: 204 })), await Receiver.start(() => ({ status: 204 }))];
  open.push(...rx);
  return { t, rx, admin: await t.login('admin@demo.test') };
}

/** Sends a test event and waits until `rx` has it; answers the request as received. */
async function testEvent(t: TestServer, admin: string, id: string, rx: Receiver) {
  const sent = await t.api('POST', `/api/webhooks/${id}/test`, { token: admin });
  expect(sent.status).toBe(202);
  const mine = () => rx.received.find((r) => r.headers['webhook-id'] === sent.body.deliveryId);
  await waitFor('the test event', () => !!mine(), 10_000);
  return mine()!;
}

const verifies = (secret: string, r: { body: string; headers: object }) => {
  try {
    new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
};

describe('editing a webhook endpoint', () => {
  it('changes the URL and the event types: deliveries go to the new URL, only for the types chosen', async () => {
    const { t, rx, admin } = await setup();
    const created = await t.api('POST', '/api/webhooks', {
      token: admin,
      body: { url: rx[0].url, events: ['conversation.started', 'goal.reached'] },
    });
    const id = created.body.id;
    expect(verifies(created.body.secret, await testEvent(t, admin, id, rx[0]))).toBe(true);

    const edited = await t.api('PATCH', `/api/webhooks/${id}`, {
      token: admin,
      body: { url: rx[1].url, events: ['goal.reached', 'goal.reached'] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id, url: rx[1].url, events: ['goal.reached'], enabled: true });
    expect((await t.api('GET', '/api/webhooks', { token: admin })).body[0]).toMatchObject({ url: rx[1].url });
    const before = rx[0].received.length;
    (await walkDemo(t.ws, ['yes', 'Ada', 'ada@example.com'], 'ended')).close();
    await waitFor('the goal at the new URL', () => rx[1].received.length === 1, 10_000);
    expect(JSON.parse(rx[1].received[0].body).type).toBe('goal.reached');
    expect(verifies(created.body.secret, rx[1].received[0])).toBe(true);
    // Nothing more for the old URL, and no conversation.started for the new one.
    await new Promise((r) => setTimeout(r, 200));
    expect(rx[0].received.length).toBe(before);
    expect(rx[1].received.length).toBe(1);

    // Switching off and on still works, alone or with an edit.
    const off = await t.api('PATCH', `/api/webhooks/${id}`, { token: admin, body: { enabled: false } });
    expect(off.body).toMatchObject({
      enabled: false,
      disabledReason: 'disabled by an admin',
      disabledCode: 'admin',
      url: rx[1].url,
    });
    const on = await t.api('PATCH', `/api/webhooks/${id}`, {
      token: admin,
      body: { enabled: true, events: ['conversation.ended'] },
    });
    expect(on.body).toMatchObject({
      enabled: true,
      disabledReason: null,
      disabledCode: null,
      events: ['conversation.ended'],
    });
  });

  it('refuses bad edits with a clear error and changes nothing', async () => {
    const { t, rx, admin } = await setup();
    const id = (
      await t.api('POST', '/api/webhooks', { token: admin, body: { url: rx[0].url, events: ['goal.reached'] } })
    ).body.id;
    const patch = (body: unknown, token = admin, which = id) =>
      t.api('PATCH', `/api/webhooks/${which}`, { token, body });
    expect((await patch({})).body.error).toMatchObject({ code: 'invalid' });
    for (const url of ['ftp://example.com/x', `http://127.0.0.1:${t.server.port}/api/session`]) {
      const r = await patch({ url });
      expect([r.status, r.body.error.code]).toEqual([422, 'bad-url']);
    }
    expect((await patch({ events: [] })).status).toBe(400);
    expect((await patch({ events: ['no.such.event'] })).status).toBe(400);
    expect((await patch({ url: rx[1].url }, admin, 'wh_nope')).status).toBe(404);
    expect((await patch({ url: rx[1].url }, await t.login('marketer@demo.test'))).status).toBe(403);
    expect((await t.api('GET', '/api/webhooks', { token: admin })).body[0]).toMatchObject({
      url: rx[0].url,
      events: ['goal.reached'],
    });
  });
});

describe('rotating a webhook secret', () => {
  it('answers a new secret once; for a day deliveries carry both signatures; a second rotation retires the oldest', async () => {
    const { t, rx, admin } = await setup();
    const created = await t.api('POST', '/api/webhooks', {
      token: admin,
      body: { url: rx[0].url, events: ['goal.reached'] },
    });
    const id = created.body.id;
    const first: string = created.body.secret;
    expect(created.body.previousSecretUntil).toBeNull();

    const before = Date.now();
    const rotated = await t.api('POST', `/api/webhooks/${id}/secret`, { token: admin });
    expect(rotated.status).toBe(200);
    const second: string = rotated.body.secret;
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    expect(rotated.body.previousSecretUntil).toBeGreaterThanOrEqual(before + ROTATION_GRACE_MS);
    const listed = (await t.api('GET', '/api/webhooks', { token: admin })).body[0];
    expect(listed.previousSecretUntil).toBe(rotated.body.previousSecretUntil);
    expect(JSON.stringify(listed)).not.toContain('whsec_');

    const during = await testEvent(t, admin, id, rx[0]);
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifies(second, during)).toBe(true);
    expect(verifies(first, during)).toBe(true);

    const third: string = (await t.api('POST', `/api/webhooks/${id}/secret`, { token: admin })).body.secret;
    const after = await testEvent(t, admin, id, rx[0]);
    expect(verifies(third, after)).toBe(true);
    expect(verifies(second, after)).toBe(true);
    expect(verifies(first, after)).toBe(false);

    expect((await t.api('POST', '/api/webhooks/wh_nope/secret', { token: admin })).status).toBe(404);
    const marketer = await t.login('marketer@demo.test');
    expect((await t.api('POST', `/api/webhooks/${id}/secret`, { token: marketer })).status).toBe(403);
  });

  it('signs with the new secret alone once the grace period is over', () => {
    const e = { secret: 'whsec_' + 'A'.repeat(32), previousSecret: 'whsec_' + 'B'.repeat(32) } as WebhookEndpoint;
    const at = new Date(1_800_000_000_000);
    expect(signature({ ...e, previousUntil: at.getTime() + 1 }, 'msg_1', at, '{}').split(' ')).toHaveLength(2);
    expect(signature({ ...e, previousUntil: at.getTime() }, 'msg_1', at, '{}').split(' ')).toHaveLength(1);
    expect(signature({ ...e, previousSecret: null, previousUntil: null }, 'msg_1', at, '{}')).toMatch(/^v1,/);
  });
});
