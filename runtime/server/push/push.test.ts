import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../testing/freePort.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { TestPushService, type TestSubscription } from '../../../testing/webPushService.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';

/**
 * Web Push, server side, against a real push service implementation on 127.0.0.1 (web-push-testing: it verifies
 * the VAPID signature and decrypts the payload). The browser side (service worker, notification, click) is
 * runtime/inbox/push.test.ts.
 */
let t: TestServer;
let svc: TestPushService;
const logs: any[] = [];
/** A browser whose session signed out (the second test). */
let signedOut: TestSubscription | undefined;

beforeAll(async () => {
  svc = await TestPushService.start();
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  t = await bootServer({
    logger: pino({ level: 'info' }, sink),
    push: { agent: svc.agent, retryDelaysMs: [50, 100], timeoutMs: 2000 },
  });
});
afterAll(async () => {
  if (process.env.PUSH_LOG) for (const l of logs) if (/push/.test(l.msg)) console.log(JSON.stringify(l));
  await t?.close();
  await svc?.close();
});

const pushed = (sub: TestSubscription) => svc.messages(sub).map((m) => JSON.parse(m));

async function subscribe(token: string, lang = 'en'): Promise<TestSubscription> {
  const key = await t.api('GET', '/api/push/key', { token });
  expect(key.status).toBe(200);
  const sub = await svc.subscribe(key.body.publicKey);
  const saved = await t.api('PUT', '/api/push/subscriptions', {
    token,
    body: { endpoint: sub.endpoint, keys: sub.keys, lang },
  });
  expect(saved.status).toBe(204);
  return sub;
}

async function onlineAgent(email: string): Promise<{ token: string; agent: Client }> {
  const token = await t.login(email);
  const agent = await Client.open(`${t.ws}/ws/agent?token=${token}`);
  await agent.next('hello');
  agent.send({ type: 'status', status: 'online' });
  await agent.next('status');
  return { token, agent };
}

/** A visitor runs the demo stream to the live-chat hand-off as Ada. */
async function visitorToHandoff(tag: string): Promise<{ c: Client; conversationId: string }> {
  const c = await Client.open(`${t.ws}/ws/visitor`);
  c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
  await c.next('welcome');
  c.send({ type: 'start', id: tag, dialogueId: 'd_demo', url: 'http://localhost/demo' });
  const { conversationId } = await c.next('started');
  await c.next((m) => m.type === 'ask' && m.kind === 'question');
  c.send({ type: 'reply', id: `${tag}-1`, cardId: 'ask', answerId: 'yes' });
  await c.next((m) => m.type === 'ask' && m.attribute === 'firstName');
  c.send({ type: 'reply', id: `${tag}-2`, cardId: 'name', text: 'Ada' });
  await c.next((m) => m.type === 'ask' && m.attribute === 'email');
  c.send({ type: 'reply', id: `${tag}-3`, cardId: 'email', text: 'ada@example.com' });
  await c.next('waiting');
  return { c, conversationId };
}

/** The agent accepts the offer; the visitor is connected. */
async function connect(agent: Client, c: Client, conversationId: string) {
  await agent.next((m) => m.type === 'offer' && m.offer.conversationId === conversationId);
  agent.send({ type: 'accept', conversationId });
  await agent.next((m) => m.type === 'chatOpened' && m.chat.conversationId === conversationId);
  await c.next('agentJoined');
}

describe('Web Push to agents', () => {
  it('answers the VAPID key to agents only, and refuses endpoints that are no push service', async () => {
    expect((await t.api('GET', '/api/push/key')).status).toBe(401);
    const marketer = await t.login('marketer@demo.test');
    expect((await t.api('GET', '/api/push/key', { token: marketer })).status).toBe(403);
    const token = await t.login('agent2@demo.test');
    const a = await t.api('GET', '/api/push/key', { token });
    expect(a.body.publicKey).toMatch(/^[\w-]{87}$/);
    expect((await t.api('GET', '/api/push/key', { token })).body).toEqual(a.body);
    const keys = { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA', auth: 'tBHItJI5svbpez7KI4CCXg' };
    const own = await t.api('PUT', '/api/push/subscriptions', {
      token,
      body: { endpoint: `https://127.0.0.1:${t.server.port}/api/session`, keys },
    });
    expect(own).toMatchObject({ status: 422, body: { error: { code: 'bad-endpoint' } } });
    for (const endpoint of ['ftp://x', 'http://push.example/1']) {
      const bad = await t.api('PUT', '/api/push/subscriptions', { token, body: { endpoint, keys } });
      expect(bad.status, endpoint).toBe(400);
    }
  });

  it('pushes an offer to a browser with no inbox tab open, then the visitor messages of the chat, signed and encrypted', async () => {
    const { token, agent } = await onlineAgent('agent@demo.test');
    const sub = await subscribe(token);
    // No inbox tab: the agent stays available, their socket is gone.
    agent.close();
    await agent.closed;
    const { c, conversationId } = await visitorToHandoff('push-offer');
    await waitFor('the offer push', () => svc.messages(sub).length === 1);
    expect(pushed(sub)[0]).toEqual({
      kind: 'offer',
      conversationId,
      title: 'New live chat',
      body: 'Ada is waiting. Click to answer.',
      tag: `offer:${conversationId}`,
      url: `/inbox?offer=${conversationId}`,
    });

    // The agent opens the inbox from the notification and accepts; the visitor writes.
    const again = await Client.open(`${t.ws}/ws/agent?token=${token}`);
    expect((await again.next('hello')).offers.map((o: any) => o.conversationId)).toEqual([conversationId]);
    again.send({ type: 'accept', conversationId });
    await c.next('agentJoined');
    c.send({ type: 'message', id: 'm1', text: 'Is anyone there?' });
    await c.next((m) => m.type === 'ack' && m.id === 'm1');
    await waitFor('the message push', () => svc.messages(sub).length === 2);
    expect(pushed(sub)[1]).toEqual({
      kind: 'message',
      conversationId,
      title: 'New message from Ada',
      body: 'Is anyone there?',
      tag: `chat:${conversationId}`,
      url: `/inbox?chat=${conversationId}`,
    });
    again.send({ type: 'end', conversationId });
    await c.next('chatEnded');
    c.close();
    again.close();
    // Signing out forgets this browser: no more pushes for that session (the next test checks).
    expect((await t.api('DELETE', '/api/session', { token })).status).toBe(204);
    signedOut = sub;
  });

  it('removes a subscription the push service answers 410 Gone; retries an unreachable one; neither holds the chat', async () => {
    const { token, agent } = await onlineAgent('agent@demo.test');
    const gone = await subscribe(token);
    const live = await subscribe(token, 'ko');
    svc.expire(gone);
    const closedPort = await freePort();
    const key = { p256dh: live.keys.p256dh, auth: live.keys.auth };
    const unreachable = `https://127.0.0.1:${closedPort}/notify/nobody`;
    expect(
      (await t.api('PUT', '/api/push/subscriptions', { token, body: { endpoint: unreachable, keys: key } })).status,
    ).toBe(204);

    const { c, conversationId } = await visitorToHandoff('push-gone');
    await connect(agent, c, conversationId);
    await waitFor('the offer push', () => svc.messages(live).length === 1);
    expect(pushed(live)[0]).toMatchObject({
      title: '새 라이브 채팅',
      body: 'Ada 님이 기다리고 있습니다. 클릭하여 응답하십시오.',
    });
    await waitFor('the 410 removal', () => logs.some((l) => l.msg === 'push subscription gone: removed'));
    expect(svc.received(gone)).toBe(1);
    expect(signedOut && svc.received(signedOut)).toBe(2);

    // The chat goes on while the unreachable service is retried.
    c.send({ type: 'message', id: 'm1', text: 'Hello?' });
    await c.next((m) => m.type === 'ack' && m.id === 'm1');
    expect(await agent.next((m) => m.type === 'item' && m.item.type === 'visitor')).toMatchObject({
      item: { text: 'Hello?' },
    });
    await waitFor('the message push', () => svc.messages(live).length === 2);
    expect(pushed(live)[1]).toMatchObject({ title: 'Ada 님의 새 메시지', body: 'Hello?' });
    expect(svc.received(gone)).toBe(1);
    await waitFor('retries given up', () => logs.filter((l) => l.msg === 'push given up').length >= 2);
    const failed = logs.filter((l) => l.msg === 'push failed');
    expect(failed.map((l) => l.attempt)).toEqual(expect.arrayContaining([1, 2]));
    expect(failed.every((l) => /ECONNREFUSED|connect/.test(l.err))).toBe(true);

    // The browser unsubscribed: forgotten.
    expect(
      (await t.api('DELETE', '/api/push/subscriptions', { token, body: { endpoint: live.endpoint } })).status,
    ).toBe(204);
    c.send({ type: 'message', id: 'm2', text: 'Still there?' });
    await agent.next((m) => m.type === 'item' && m.item.text === 'Still there?');
    agent.send({ type: 'end', conversationId });
    await c.next('chatEnded');
    expect(svc.messages(live).length).toBe(2);
    c.close();
    agent.close();
  });
});
