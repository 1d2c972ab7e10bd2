import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../testkit.ts';
import { OtherNodeWorld } from './otherNodeTestkit.ts';
import { until } from './nodesTestkit.ts';

/**
 * A node that dies after storing a visitor's reply to the bot and before storing the bot's step (its next commit)
 * leaves the reply stored with no step. "That node" is a second store on the same database that stores the reply
 * behind the nodes' backs and never steps; the node (or two) under test take the conversation up.
 */
let w: OtherNodeWorld;

beforeAll(async () => {
  w = await OtherNodeWorld.start();
}, 120_000);

afterAll(async () => {
  await w?.close();
});

const hello = { type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' };
const firstName = (m: any) => m.type === 'ask' && m.attribute === 'firstName';
const email = (m: any) => m.type === 'ask' && m.attribute === 'email';
/** Long enough ago that its node, were it alive, would have stored the step. */
const LONG_AGO = () => Date.now() - 60_000;

/** A visitor on the node who started the demo and was asked its first question. */
async function visitorAtFirstQuestion(startId: string) {
  const v = await w.open('/ws/visitor');
  v.send(hello);
  const { visitorToken } = await v.next('welcome');
  v.send({ type: 'start', id: startId, dialogueId: 'd_demo', url: 'http://localhost/demo' });
  const id = (await v.next('started')).conversationId as string;
  const ask = await v.next('ask');
  return { v, id, visitorToken, lastSeq: ask.seq as number };
}

/** The stored transcript holds the reply's step once, numbered without gaps. */
async function expectOneStep(id: string) {
  await until('the step stored', async () => (await w.other.conversations.items(id)).some(firstName));
  const items = await w.other.conversations.items(id);
  expect(items.filter(firstName)).toHaveLength(1);
  expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
}

/** Moves the conversation on from `c` (the next question for everyone), so that anything sent twice was sent. */
async function answerName(c: Client, tabs: Client[]) {
  c.send({ type: 'reply', id: `name-${Math.random()}`, cardId: 'name', text: 'Ada' });
  await Promise.all(tabs.map((t) => t.next(email, 30_000)));
}

describe("a stored reply whose node died before the bot's step", () => {
  it('gets its step when the visitor resumes on another node: one bot answer, seqs without gaps', async () => {
    const { v, id, visitorToken, lastSeq } = await visitorAtFirstQuestion('resume');
    const [reply] = await w.storeElsewhere(id, [
      { type: 'visitor', text: 'Yes', clientId: 'r-lost', cardId: 'ask', at: LONG_AGO() },
    ]);
    v.close();

    const back = await w.open('/ws/visitor');
    back.send({ ...hello, visitorToken, conversationId: id, lastSeq });
    const welcome = await back.next('welcome');
    expect(welcome.conversation.items.map((i: { seq: number }) => i.seq)).toEqual([reply]);
    expect((await back.next(firstName, 30_000)).seq).toBe(reply + 1);
    await expectOneStep(id);
    await answerName(back, [back]);
    expect(back.received.filter(firstName)).toHaveLength(1);
  }, 120_000);

  it('gets its step when a resend of the reply arrives: acknowledged with the stored seq, answered once', async () => {
    const { v, id } = await visitorAtFirstQuestion('resend');
    const [reply] = await w.storeElsewhere(id, [
      { type: 'visitor', text: 'Yes', clientId: 'r-resent', cardId: 'ask', at: LONG_AGO() },
    ]);
    v.send({ type: 'reply', id: 'r-resent', cardId: 'ask', answerId: 'yes' });
    expect((await v.next((m) => m.type === 'ack' && m.id === 'r-resent')).seq).toBe(reply);
    expect((await v.next(firstName, 30_000)).seq).toBe(reply + 1);
    // Resent again once answered: acknowledged only.
    v.send({ type: 'reply', id: 'r-resent', cardId: 'ask', answerId: 'yes' });
    await v.next((m) => m.type === 'ack' && m.id === 'r-resent');
    await expectOneStep(id);
    await answerName(v, [v]);
    expect(v.received.filter(firstName)).toHaveLength(1);
  }, 120_000);

  it('is stepped once when two nodes take the conversation up at the same instant', async () => {
    const second = await w.secondNode();
    const { v, id, visitorToken, lastSeq } = await visitorAtFirstQuestion('both');
    await w.storeElsewhere(id, [{ type: 'visitor', text: 'Yes', clientId: 'r-both', cardId: 'ask', at: LONG_AGO() }]);
    // Two tabs resume at once, one on each node: both nodes find the reply without its step.
    const [a, b] = await Promise.all([w.open('/ws/visitor'), w.open('/ws/visitor', second)]);
    a.send({ ...hello, visitorToken, conversationId: id, lastSeq });
    b.send({ ...hello, visitorToken, conversationId: id, lastSeq });
    await Promise.all([a.next('welcome'), b.next('welcome')]);
    await Promise.all([v, a, b].map((c) => c.next(firstName, 30_000)));
    await expectOneStep(id);
    await answerName(a, [v, a, b]);
    for (const c of [v, a, b]) expect(c.received.filter(firstName)).toHaveLength(1);
    const items = await w.other.conversations.items(id);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
  }, 120_000);

  it('is left to its node while that one may still be stepping, and stepped here once it has not', async () => {
    const { v, id } = await visitorAtFirstQuestion('young');
    // Just stored (the same reply reached the other node first): that node runs the step in its next commit.
    const [reply] = await w.storeElsewhere(id, [{ type: 'visitor', text: 'Yes', clientId: 'r-young', cardId: 'ask' }]);
    v.send({ type: 'reply', id: 'r-young', cardId: 'ask', answerId: 'yes' });
    expect((await v.next((m) => m.type === 'ack' && m.id === 'r-young')).seq).toBe(reply);
    expect((await w.other.conversations.items(id)).some(firstName)).toBe(false);
    // It never does (it died): this node runs the step once the reply is a few seconds old.
    expect((await v.next(firstName, 30_000)).seq).toBe(reply + 1);
    await expectOneStep(id);
  }, 120_000);
});
