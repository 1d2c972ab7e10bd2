import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentServerMessage } from '../../shared/protocol/agent.ts';
import { parseVisitorServerMessage } from '../../shared/protocol/visitor.ts';
import { bootServer, Client, type TestServer } from './testkit.ts';

let t: TestServer;
beforeAll(async () => {
  t = await bootServer(process.env.TEST_LOG ? { logger: (await import('pino')).default({ level: 'debug' }) } : {});
});
afterAll(async () => {
  await t?.close();
});

/** Every message the server sent must match the protocol schemas. */
function expectValid(c: Client, parse: (raw: string) => { ok: boolean }) {
  for (const m of c.received) expect(parse(JSON.stringify(m)), JSON.stringify(m)).toMatchObject({ ok: true });
}

async function visitor(): Promise<{ c: Client; visitorId: string; visitorToken: string }> {
  const c = await Client.open(`${t.ws}/ws/visitor`);
  c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
  const welcome = await c.next('welcome');
  return { c, visitorId: welcome.visitorId, visitorToken: welcome.visitorToken };
}

/** Runs the demo stream to the live-chat hand-off. */
async function toHandoff(c: Client, startId: string) {
  c.send({ type: 'start', id: startId, dialogueId: 'd_demo', url: 'http://localhost/demo' });
  const started = await c.next('started');
  expect(await c.next('bot')).toMatchObject({ text: 'Hi there! Welcome to the demo.' });
  const ask = await c.next('ask');
  expect(ask).toMatchObject({
    kind: 'question',
    answers: [
      { id: 'yes', label: 'Yes' },
      { id: 'no', label: 'No thanks' },
    ],
  });
  c.send({ type: 'reply', id: `${startId}-r1`, cardId: 'ask', answerId: 'yes' });
  expect(await c.next((m) => m.type === 'ack' && m.id === `${startId}-r1`)).toBeTruthy();
  expect(await c.next((m) => m.type === 'callback' && m.name === 'engaged')).toBeTruthy();
  expect(await c.next('ask')).toMatchObject({ kind: 'capture', attribute: 'firstName' });
  c.send({ type: 'reply', id: `${startId}-r2`, cardId: 'name', text: 'Ada' });
  expect(await c.next('ask')).toMatchObject({ kind: 'capture', attribute: 'email' });
  c.send({ type: 'reply', id: `${startId}-r3`, cardId: 'email', text: 'ada@' });
  expect(await c.next('invalid')).toMatchObject({ cardId: 'email' });
  expect(await c.next('ask')).toMatchObject({ attribute: 'email' });
  c.send({ type: 'reply', id: `${startId}-r4`, cardId: 'email', text: 'ada@example.com' });
  expect(await c.next('waiting')).toBeTruthy();
  expect(await c.next((m) => m.type === 'callback' && m.name === 'emailCaptured')).toMatchObject({
    data: { email: 'ada@example.com' },
  });
  return started.conversationId as string;
}

describe('live chat through /ws/visitor and /ws/agent', () => {
  it('gives the fallback message when no agent is online', async () => {
    const { c } = await visitor();
    await toHandoff(c, 'nobody');
    expect(await c.next('fallback')).toMatchObject({ reason: 'no-eligible-agent' });
    expect(await c.next('ended')).toMatchObject({ reason: 'fallback' });
    expect(await c.next((m) => m.type === 'callback' && m.name === 'requestTimeout')).toMatchObject({
      data: { reason: 'no-eligible-agent' },
    });
    c.close();
  });

  it('runs the demo stream, hands off, connects an agent and relays the chat with acks, receipts and typing', async () => {
    const token = await t.login('agent@demo.test');
    const agent = await Client.open(`${t.ws}/ws/agent?token=${token}`);
    const hello = await agent.next('hello');
    expect(hello).toMatchObject({
      v: 1,
      status: 'offline',
      me: { email: 'agent@demo.test', teams: ['sales'] },
      offers: [],
      chats: [],
    });
    agent.send({ type: 'status', status: 'online' });
    expect(await agent.next('status')).toMatchObject({ status: 'online' });

    const { c } = await visitor();
    const conversationId = await toHandoff(c, 'flow');
    const offer = await agent.next('offer');
    expect(offer.offer).toMatchObject({ conversationId, visitor: { firstName: 'Ada', email: 'ada@example.com' } });
    expect(offer.offer.deadline - offer.offer.offeredAt).toBe(45_000);
    expect(offer.offer.why).toContain('round robin');

    agent.send({ type: 'accept', conversationId });
    expect(await agent.next('offerGone')).toMatchObject({ conversationId, reason: 'accepted' });
    const opened = await agent.next('chatOpened');
    expect(opened.chat.items.map((i: any) => i.type)).toContain('agentJoined');
    expect(opened.chat.visitor).toMatchObject({ firstName: 'Ada' });
    expect(await c.next('agentJoined')).toMatchObject({ agent: { name: 'Alex Agent' } });
    expect(await c.next((m) => m.type === 'callback' && m.name === 'liveChatInitiated')).toBeTruthy();

    c.send({ type: 'message', id: 'm1', text: 'Do you ship to Norway?' });
    const ack = await c.next((m) => m.type === 'ack' && m.id === 'm1');
    const relayed = await agent.next('item');
    expect(relayed.item).toMatchObject({
      type: 'visitor',
      text: 'Do you ship to Norway?',
      seq: ack.seq,
      state: 'sent',
    });
    expect(await c.next((m) => m.type === 'receipt' && m.upTo === ack.seq)).toMatchObject({ state: 'delivered' });

    c.send({ type: 'typing', on: true });
    expect(await agent.next('typing')).toMatchObject({ conversationId, on: true });
    agent.send({ type: 'typing', conversationId, on: true });
    expect(await c.next('typing')).toMatchObject({ on: true, agent: { name: 'Alex Agent' } });

    agent.send({ type: 'message', id: 'a1', conversationId, text: 'We do!' });
    const agentAck = await agent.next((m) => m.type === 'ack' && m.id === 'a1');
    expect(agentAck.conversationId).toBe(conversationId);
    expect(await c.next('agent')).toMatchObject({ text: 'We do!', seq: agentAck.seq });
    // A resend of the same id is acknowledged with the same seq and not stored twice.
    agent.send({ type: 'message', id: 'a1', conversationId, text: 'We do!' });
    expect((await agent.next('ack')).seq).toBe(agentAck.seq);

    agent.send({ type: 'read', conversationId, upTo: ack.seq });
    expect(await c.next((m) => m.type === 'receipt' && m.state === 'read')).toMatchObject({ upTo: ack.seq });
    c.send({ type: 'read', upTo: agentAck.seq });
    expect(await agent.next((m) => m.type === 'receipt' && m.state === 'read')).toMatchObject({ upTo: agentAck.seq });

    agent.send({ type: 'end', conversationId });
    expect(await c.next('chatEnded')).toMatchObject({ by: 'agent' });
    expect(await c.next('ended')).toMatchObject({ reason: 'chat-ended' });
    expect(await agent.next((m) => m.type === 'item' && m.item.type === 'ended')).toBeTruthy();

    const admin = await t.login('admin@demo.test');
    const log = await t.api('GET', `/api/routing/decisions?conversation=${conversationId}`, { token: admin });
    expect(log.body.map((d: any) => d.event).sort()).toEqual(['connected', 'ended', 'offered']);
    expect(log.body.every((d: any) => d.why.length > 0)).toBe(true);

    const transcript = await t.api('GET', `/api/conversations/${conversationId}`, { token });
    expect(transcript.status).toBe(200);
    expect(transcript.body.items.filter((i: any) => i.type === 'agent')).toHaveLength(1);
    expect(
      transcript.body.items.find((i: any) => i.type === 'visitor' && i.text === 'Do you ship to Norway?').state,
    ).toBe('read');

    expectValid(c, parseVisitorServerMessage);
    expectValid(agent, parseAgentServerMessage);
    // Closing the inbox keeps the availability: go offline so that later tests route to nobody else.
    agent.send({ type: 'status', status: 'offline' });
    expect(await agent.next('status')).toMatchObject({ status: 'offline' });
    agent.close();
    c.close();
  });

  it('resumes a conversation after a reconnect, with the entries after lastSeq', async () => {
    const first = await visitor();
    first.c.send({ type: 'start', id: 'res', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const started = await first.c.next('started');
    const ask = await first.c.next('ask');
    first.c.close();
    await first.c.closed;

    const c = await Client.open(`${t.ws}/ws/visitor`);
    c.send({
      type: 'hello',
      v: 2,
      workspace: 'demo',
      visitorToken: first.visitorToken,
      conversationId: started.conversationId,
      lastSeq: 0,
      url: 'http://localhost/other',
    });
    const welcome = await c.next('welcome');
    expect(welcome).toMatchObject({ visitorId: first.visitorId, visitorToken: first.visitorToken });
    expect(welcome.conversation).toMatchObject({ id: started.conversationId, status: 'bot' });
    expect(welcome.conversation.items.map((i: any) => i.type)).toEqual(['bot', 'ask']);
    c.send({ type: 'reply', id: 'x1', cardId: ask.cardId, text: 'no thanks' });
    expect(await c.next('bot')).toMatchObject({ text: 'No problem. Have a look around!' });
    expect(await c.next('ended')).toMatchObject({ reason: 'completed' });

    // A completed dialogue is not offered again.
    const r = await t.api('POST', '/api/widget/resolve', {
      raw: JSON.stringify({ workspace: 'demo', url: 'http://localhost/demo', visitorToken: first.visitorToken }),
    });
    expect(r.body).toMatchObject({ dialogue: null, resume: null, visitorToken: first.visitorToken });
    c.close();
  });

  it('answers a resent start with the same conversation', async () => {
    const { c, visitorToken } = await visitor();
    c.send({ type: 'start', id: 'same', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const a = await c.next('started');
    c.close();
    const c2 = await Client.open(`${t.ws}/ws/visitor`);
    c2.send({ type: 'hello', v: 2, workspace: 'demo', visitorToken, url: 'http://localhost/demo' });
    await c2.next('welcome');
    c2.send({ type: 'start', id: 'same', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    expect((await c2.next('started')).conversationId).toBe(a.conversationId);
    c2.close();
  });
});

describe('offers that lapse or are withdrawn', () => {
  it('times an offer out after acceptTimeoutSec and gives the fallback; a visitor who leaves withdraws the offer', async () => {
    const admin = await t.login('admin@demo.test');
    expect((await t.api('PATCH', '/api/settings', { token: admin, body: { acceptTimeoutSec: 5 } })).status).toBe(200);
    const token = await t.login('agent2@demo.test');
    const agent = await Client.open(`${t.ws}/ws/agent?token=${token}`);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');

    const { c } = await visitor();
    const conversationId = await toHandoff(c, 'lapse');
    const offer = await agent.next('offer');
    expect(offer.offer.deadline - offer.offer.offeredAt).toBe(5000);
    expect(await agent.next('offerGone', 10_000)).toMatchObject({ conversationId, reason: 'timeout' });
    expect(await c.next('fallback')).toMatchObject({ reason: 'accept-timeout' });

    const second = await visitor();
    const other = await toHandoff(second.c, 'leave');
    expect((await agent.next('offer')).offer.conversationId).toBe(other);
    second.c.send({ type: 'end' });
    expect(await agent.next('offerGone')).toMatchObject({ conversationId: other, reason: 'withdrawn' });
    expect(await second.c.next('ended')).toMatchObject({ reason: 'abandoned' });
    agent.send({ type: 'status', status: 'offline' });
    await agent.next('status');
    agent.close();
    await t.api('PATCH', '/api/settings', { token: admin, body: { acceptTimeoutSec: 45 } });
  });

  it('tells connected agents at once when an admin changes the accept timeout or the chat limit', async () => {
    const agent = await Client.open(`${t.ws}/ws/agent?token=${await t.login('agent2@demo.test')}`);
    await agent.next('hello');
    const admin = await t.login('admin@demo.test');
    const before = (await t.api('GET', '/api/settings', { token: admin })).body;
    expect(
      (await t.api('PATCH', '/api/settings', { token: admin, body: { acceptTimeoutSec: 30, maxChatsPerAgent: 5 } }))
        .status,
    ).toBe(200);
    expect(await agent.next('settings')).toMatchObject({ settings: { acceptTimeoutSec: 30, maxChatsPerAgent: 5 } });
    await t.api('PATCH', '/api/settings', {
      token: admin,
      body: { acceptTimeoutSec: before.acceptTimeoutSec, maxChatsPerAgent: before.maxChatsPerAgent },
    });
    expectValid(agent, parseAgentServerMessage);
    agent.close();
  });
});
