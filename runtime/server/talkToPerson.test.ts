import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVisitorServerMessage } from '../../shared/protocol/visitor.ts';
import { bootServer, Client, type TestServer } from './testkit.ts';

let t: TestServer;
let dialogueId: string;
beforeAll(async () => {
  t = await bootServer();
  // examples/talk-to-person.json: a free-text question, and a live chat marked as the "talk to a person" card.
  const doc = JSON.parse(readFileSync(new URL('../../examples/talk-to-person.json', import.meta.url), 'utf8'));
  const admin = await t.login('admin@demo.test');
  const stream = await t.api('POST', '/api/streams', { token: admin, body: doc });
  expect(stream.status).toBe(201);
  expect((await t.api('POST', `/api/streams/${stream.body.id}/publish`, { token: admin, body: {} })).status).toBe(201);
  const d = await t.api('POST', '/api/dialogues', {
    token: admin,
    body: { name: 'Person', streamId: stream.body.id, include: ['/person'], priority: 1 },
  });
  expect(d.status).toBe(201);
  dialogueId = d.body.id;
});
afterAll(async () => {
  await t?.close();
});

async function start(name: string) {
  const c = await Client.open(`${t.ws}/ws/visitor`);
  c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/person' });
  const welcome = await c.next('welcome');
  c.send({ type: 'start', id: name, dialogueId, url: 'http://localhost/person' });
  const started = await c.next('started');
  const ask = await c.next('ask');
  return { c, started, ask, visitorToken: welcome.visitorToken as string };
}

const expectValid = (c: Client) => {
  for (const m of c.received) expect(parseVisitorServerMessage(JSON.stringify(m)).ok, JSON.stringify(m)).toBe(true);
};

describe('talk to a person and free-text questions, over /ws/visitor', () => {
  it('jumps to the marked live-chat card from the first question and routes it', async () => {
    const agent = await Client.open(`${t.ws}/ws/agent?token=${await t.login('agent@demo.test')}`);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');

    const { c, started, ask } = await start('p-jump');
    expect(started).toMatchObject({ talkToPerson: true });
    expect(ask).toMatchObject({ kind: 'question', cardId: 'ask', freeText: true });
    c.send({ type: 'talkToPerson', id: 'p-jump-1' });
    expect(await c.next('waiting')).toBeTruthy();
    expect(await c.next((m) => m.type === 'callback' && m.name === 'liveChatRequested')).toBeTruthy();
    const offer = await agent.next('offer');
    expect(offer.offer.conversationId).toBe(started.conversationId);

    // The same request again (a resend): it was taken, nothing changes and nothing is refused.
    c.send({ type: 'talkToPerson', id: 'p-jump-1' });
    // The bot no longer runs: a second jump is refused and changes nothing.
    c.send({ type: 'talkToPerson', id: 'p-jump-2' });
    expect(await c.next('error')).toMatchObject({ code: 'not-allowed', id: 'p-jump-2' });
    agent.send({ type: 'decline', conversationId: started.conversationId });
    expect(await c.next('fallback')).toBeTruthy();
    expect(c.received.filter((m) => m.type === 'error')).toHaveLength(1);
    expect(c.received.filter((m) => m.type === 'waiting')).toHaveLength(1);
    expectValid(c);
    c.close();
    agent.send({ type: 'status', status: 'offline' });
    await agent.next('status');
    agent.close();
  });

  it('tells a resumed widget about the action, and takes a typed answer on the other port', async () => {
    const { c, started, visitorToken } = await start('p-typed');
    c.close();
    const back = await Client.open(`${t.ws}/ws/visitor`);
    back.send({
      type: 'hello',
      v: 2,
      workspace: 'demo',
      url: 'http://localhost/person',
      visitorToken,
      conversationId: started.conversationId,
    });
    expect(await back.next('welcome')).toMatchObject({
      conversation: { id: started.conversationId, status: 'bot', talkToPerson: true },
    });
    back.send({ type: 'reply', id: 'p-typed-1', cardId: 'ask', text: 'A demo for my team' });
    expect(await back.next((m) => m.type === 'ack' && m.id === 'p-typed-1')).toBeTruthy();
    expect(await back.next('bot')).toMatchObject({ cardId: 'noted', text: 'Thanks, we noted: A demo for my team.' });
    expect(await back.next('ended')).toMatchObject({ reason: 'completed' });
    // Over (the socket follows no conversation any more): nothing to jump from.
    back.send({ type: 'talkToPerson', id: 'p-typed-2' });
    expect(await back.next('error')).toMatchObject({ code: 'not-found', id: 'p-typed-2' });
    expectValid(back);
    back.close();
  });

  it('refuses the action in a stream without a marked card (the demo), changing nothing', async () => {
    const c = await Client.open(`${t.ws}/ws/visitor`);
    c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    await c.next('welcome');
    c.send({ type: 'start', id: 'p-demo', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const started = await c.next('started');
    expect(started.talkToPerson).toBeUndefined();
    await c.next('ask');
    c.send({ type: 'talkToPerson', id: 'p-demo-1' });
    expect(await c.next('error')).toMatchObject({ code: 'not-allowed', message: expect.stringMatching(/no "talk/) });
    c.send({ type: 'reply', id: 'p-demo-2', cardId: 'ask', answerId: 'yes' });
    expect(await c.next('ask')).toMatchObject({ attribute: 'firstName' });
    c.close();
  });
});
