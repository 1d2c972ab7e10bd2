import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpInbox } from '../../../testing/smtpInbox.ts';
import { TestPostgres } from '../../../testing/postgres.ts';
import { Receiver } from '../webhooks/test/receiver.ts';
import { TestNodes, until } from './nodesTestkit.ts';

/**
 * What each node keeps of state every node shares, with two node processes (`runtime/server/main.ts`) on one
 * throwaway PostgreSQL and Redis: the event types some webhook endpoint subscribes to (each node's cache, dropped
 * on the `webhooks` bus channel when another node changes an endpoint), the transcript-email limit per visitor
 * (counted in Redis), and a conversation with the bot that two nodes serve at once (its step runs once; "talk to a
 * person" asks for an agent once).
 */
let pg: TestPostgres;
let t: TestNodes;
let smtp: SmtpInbox;
let rx: Receiver;

beforeAll(async () => {
  pg = await TestPostgres.start({ fsync: false });
  smtp = new SmtpInbox();
  await smtp.listen();
  rx = await Receiver.start(() => ({ status: 200 }));
  t = await TestNodes.start(pg, ['n1', 'n2']);
}, 180_000);

afterAll(async () => {
  await t?.close();
  await rx?.close();
  await smtp?.close();
  await pg?.destroy();
});

describe('state shared by the nodes', () => {
  it("an endpoint added through one node gets the next step's events on the other at once", async () => {
    const [n1, n2] = t.nodes;
    // A visitor on node 2 walks to a live chat with an agent on node 1: node 2 has read, more than once, that no
    // endpoint subscribes to anything.
    const agent = await t.agentOn(n1, 'agent@demo.test');
    const v = await t.visitorToHandoff(n2, 'w');
    await agent.next((m) => m.type === 'offer' && m.offer.conversationId === v.id, 30_000);
    agent.send({ type: 'accept', conversationId: v.id });
    await v.c.next('agentJoined', 30_000);

    const created = (await t.api(n1, '/api/webhooks', 'POST', {
      url: rx.url,
      events: ['conversation.started'],
    })) as { id: string };
    // Node 1 told the others on the bus once the endpoint was durable, before it answered. Its next message on the
    // bus (the agent typing) reaches node 2 after that one: once the visitor sees it, node 2 has heard.
    agent.send({ type: 'typing', conversationId: v.id, on: true });
    await v.c.next('typing', 30_000);

    const c = await t.open(`${n2.ws}/ws/visitor`);
    c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    await c.next('welcome');
    c.send({ type: 'start', id: 'after', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const { conversationId } = await c.next('started');
    // The event was written in the step's own transaction (acknowledged by `started`): none missing, none later.
    const log = (await t.api(n1, `/api/webhooks/${created.id}/deliveries`)) as { type: string }[];
    expect(log.map((d) => d.type)).toEqual(['conversation.started']);
    await until('the delivery', () => rx.received.some((r) => r.body.includes(conversationId)));
  }, 180_000);

  it('holds the transcript-email limit per visitor over every node', async () => {
    const [n1, n2] = t.nodes;
    await t.api(n1, '/api/settings/email', 'PUT', {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      from: 'chat@demo.test',
    });
    const c = await t.open(`${n1.ws}/ws/visitor`);
    c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    const { visitorToken } = await c.next('welcome');
    c.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const { conversationId } = await c.next('started');
    for (const id of ['t1', 't2', 't3']) {
      c.send({ type: 'emailTranscript', id, conversationId, email: 'ada@example.com' });
      expect(await c.next((m) => m.id === id)).toMatchObject({ type: 'transcriptEmail', sent: true });
    }
    // The same visitor on the other node: over the limit there too.
    const d = await t.open(`${n2.ws}/ws/visitor`);
    d.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo', visitorToken, conversationId });
    expect((await d.next('welcome')).conversation?.id).toBe(conversationId);
    d.send({ type: 'emailTranscript', id: 't4', conversationId, email: 'ada@example.com' });
    expect(await d.next((m) => m.id === 't4')).toMatchObject({ type: 'error', code: 'rate-limited' });
    await smtp.waitFor(3);
  }, 120_000);

  it("a bot reply reaching two nodes at the same instant is stored once and the bot's step runs once", async () => {
    const [n1, n2] = t.nodes;
    const a = await t.open(`${n1.ws}/ws/visitor`);
    a.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    const { visitorToken } = await a.next('welcome');
    a.send({ type: 'start', id: 'twice', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const { conversationId } = await a.next('started');
    await a.next('ask');
    // The visitor's second tab, on the other node.
    const b = await t.open(`${n2.ws}/ws/visitor`);
    b.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo', visitorToken, conversationId });
    expect((await b.next('welcome')).conversation?.id).toBe(conversationId);

    const frame = { type: 'reply', id: 'r-both', cardId: 'ask', answerId: 'yes' };
    a.send(frame);
    b.send(frame);
    const [ackA, ackB] = await Promise.all([
      a.next((m) => m.type === 'ack' && m.id === 'r-both'),
      b.next((m) => m.type === 'ack' && m.id === 'r-both'),
    ]);
    expect(ackB.seq).toBe(ackA.seq);
    const next = (m: any) => m.type === 'ask' && m.attribute === 'firstName';
    await Promise.all([a.next(next, 30_000), b.next(next, 30_000)]);
    await until('the step stored', async () => (await t.transcript(n1, conversationId)).some(next));
    const items = await t.transcript(n2, conversationId);
    expect(items.filter((i: any) => i.clientId === 'r-both').map((i) => i.seq)).toEqual([ackA.seq]);
    expect(items.filter(next)).toHaveLength(1);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
    expect(a.received.filter(next)).toHaveLength(1);
  }, 120_000);

  it('"talk to a person" reaching two nodes at the same instant asks for an agent once: one routing decision', async () => {
    const [n1, n2] = t.nodes;
    // examples/talk-to-person.json: a stream with a live-chat card marked as the "talk to a person" target.
    const doc = JSON.parse(readFileSync(new URL('../../../examples/talk-to-person.json', import.meta.url), 'utf8'));
    const stream = (await t.api(n1, '/api/streams', 'POST', doc)) as { id: string };
    await t.api(n1, `/api/streams/${stream.id}/publish`, 'POST', {});
    const dialogue = (await t.api(n1, '/api/dialogues', 'POST', {
      name: 'Person',
      streamId: stream.id,
      include: ['/person'],
      priority: 1,
    })) as { id: string };
    const agent = await t.agentOn(n2, 'agent@demo.test');
    const page = { type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/person' };
    const a = await t.open(`${n1.ws}/ws/visitor`);
    a.send(page);
    const { visitorToken } = await a.next('welcome');
    a.send({ type: 'start', id: 'person', dialogueId: dialogue.id, url: 'http://localhost/person' });
    const { conversationId } = await a.next('started');
    await a.next('ask');
    // The widget resent the request after reconnecting to the other node while the first node still took it.
    const b = await t.open(`${n2.ws}/ws/visitor`);
    b.send({ ...page, visitorToken, conversationId });
    expect((await b.next('welcome')).conversation?.id).toBe(conversationId);

    const frame = { type: 'talkToPerson', id: 'p-both' };
    a.send(frame);
    b.send(frame);
    await Promise.all([a.next('waiting', 30_000), b.next('waiting', 30_000)]);
    const offer = await agent.next((m) => m.type === 'offer' && m.offer.conversationId === conversationId, 30_000);
    agent.send({ type: 'accept', conversationId: offer.offer.conversationId });
    await Promise.all([a.next('agentJoined', 30_000), b.next('agentJoined', 30_000)]);

    const items = await t.transcript(n2, conversationId);
    expect(items.filter((i) => i.type === 'waiting')).toHaveLength(1);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
    expect(await t.decisions(n1, conversationId)).toEqual(['connected', 'offered']);
    expect(agent.received.filter((m) => m.type === 'offer' && m.offer.conversationId === conversationId)).toHaveLength(
      1,
    );
    for (const c of [a, b]) {
      expect(c.received.filter((m) => m.type === 'waiting')).toHaveLength(1);
      expect(c.received.filter((m) => m.type === 'error')).toEqual([]);
    }
  }, 120_000);
});
