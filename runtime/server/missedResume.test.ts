import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVisitorServerMessage, resolveResponseSchema } from '../../shared/protocol/visitor.ts';
import { bootServer, Client, type TestServer } from './testkit.ts';

/**
 * A visitor who got the fallback and reloads the page keeps the box to leave a message (SPEC §4 "Missed chat"):
 * the resolve call and the resumed socket hand back the missed conversation until a message is left.
 */
let t: TestServer;
beforeAll(async () => {
  t = await bootServer();
});
afterAll(() => t?.close());

const URL_ = 'http://localhost/demo';
const resolve = async (visitorToken?: string) => {
  const r = await t.api('POST', '/api/widget/resolve', { body: { workspace: 'demo', url: URL_, visitorToken } });
  expect(r.status).toBe(200);
  return resolveResponseSchema.parse(r.body);
};
const hello = async (visitorToken: string | undefined, conversationId?: string) => {
  const c = await Client.open(`${t.ws}/ws/visitor`);
  c.send({ type: 'hello', v: 2, workspace: 'demo', url: URL_, visitorToken, conversationId, lastSeq: 0 });
  return { c, welcome: await c.next('welcome') };
};
const expectValid = (c: Client) => {
  for (const m of c.received) expect(parseVisitorServerMessage(JSON.stringify(m)).ok, JSON.stringify(m)).toBe(true);
};

/** The demo stream to its hand-off while every agent is offline (they start so): a fallback, a missed chat. */
async function missedVisitor(email?: string) {
  const { c, welcome } = await hello(undefined);
  c.send({ type: 'start', id: 's1', dialogueId: 'd_demo', url: URL_ });
  const { conversationId } = await c.next('started');
  await c.next('ask');
  c.send({ type: 'reply', id: 'r1', cardId: 'ask', answerId: 'yes' });
  await c.next((m) => m.type === 'ask' && m.cardId === 'name');
  c.send({ type: 'reply', id: 'r2', cardId: 'name', text: 'Ada' });
  await c.next((m) => m.type === 'ask' && m.cardId === 'email');
  c.send({ type: 'reply', id: 'r3', cardId: 'email', text: email ?? 'ada@example.com' });
  expect(await c.next('missed')).toEqual({ type: 'missed', conversationId, emailKnown: true });
  c.close();
  return { conversationId: conversationId as string, visitorToken: welcome.visitorToken as string };
}

describe('after a fallback, a reload keeps the box to leave a message', () => {
  it('hands the missed conversation back on resolve and on hello until a message is left', async () => {
    const { conversationId, visitorToken } = await missedVisitor();

    // The page is reloaded: the loader's resolve names the missed conversation (it has ended).
    const res = await resolve(visitorToken);
    expect(res.resume).toEqual({ conversationId, dialogueId: 'd_demo', status: 'ended', missed: { emailKnown: true } });

    // The widget's socket resumes it: the transcript with its fallback, then `missed` again.
    const back = await hello(visitorToken, conversationId);
    expect(back.welcome.conversation).toMatchObject({ id: conversationId, status: 'ended' });
    expect(back.welcome.conversation.items.map((i: { type: string }) => i.type)).toContain('fallback');
    expect(await back.c.next('missed')).toEqual({ type: 'missed', conversationId, emailKnown: true });

    // Someone else naming it gets nothing of it.
    const other = await hello(undefined, conversationId);
    expect(other.welcome.conversation).toBeNull();
    other.c.send({ type: 'leaveMessage', id: 'x1', conversationId, text: 'hijack' });
    expect(await other.c.next('error')).toMatchObject({ code: 'not-allowed', id: 'x1' });
    other.c.close();

    // The message is left; resent after a reconnect it is acknowledged again and stored once.
    back.c.send({ type: 'leaveMessage', id: 'm1', conversationId, text: 'Call me back, please' });
    expect(await back.c.next('messageLeft')).toEqual({ type: 'messageLeft', id: 'm1' });
    expectValid(back.c);
    back.c.close();
    const again = await hello(visitorToken, conversationId);
    // A message was left: nothing to resume any more, on the socket or on resolve.
    expect(again.welcome.conversation).toBeNull();
    again.c.send({ type: 'leaveMessage', id: 'm1', conversationId, text: 'Call me back, please' });
    expect(await again.c.next('messageLeft')).toEqual({ type: 'messageLeft', id: 'm1' });
    expect(again.c.received.some((m) => m.type === 'missed')).toBe(false);
    again.c.close();
    expect((await resolve(visitorToken)).resume).toBeNull();

    const admin = await t.login('admin@demo.test');
    const list = (await t.api('GET', '/api/missed', { token: admin })).body as { conversationId: string }[];
    expect(list.find((m) => m.conversationId === conversationId)).toMatchObject({ message: 'Call me back, please' });
  });
});
