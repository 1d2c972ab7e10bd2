import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, Client, type TestServer } from './testkit.ts';

/**
 * The visitor's context beside a chat (SPEC §5): what the widget's hello tells (page title, referrer, time zone,
 * language) and the socket's user agent are stored with the conversation in the real server, and an agent reads
 * them with what the stream captured, the goals and the visitor's earlier conversations.
 */
let t: TestServer;
beforeAll(async () => {
  t = await bootServer();
});
afterAll(async () => {
  await t?.close();
});

const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

async function visitor(url: string, page: Record<string, string>, visitorToken?: string) {
  const c = await Client.open(`${t.ws}/ws/visitor`, { 'user-agent': CHROME_ON_WINDOWS });
  c.send({ type: 'hello', v: 2, workspace: 'demo', url, page, ...(visitorToken ? { visitorToken } : {}) });
  const welcome = await c.next('welcome');
  return { c, visitorToken: welcome.visitorToken as string, visitorId: welcome.visitorId as string };
}

/** Starts the demo dialogue and says yes; the name and email are asked only when the visitor has none yet. */
async function askForPerson(c: Client, id: string, url: string, known: boolean) {
  c.send({ type: 'start', id, dialogueId: 'd_demo', url });
  const { conversationId } = await c.next('started');
  await c.next('ask');
  c.send({ type: 'reply', id: `${id}-yes`, cardId: 'ask', answerId: 'yes' });
  if (!known) {
    await c.next((m) => m.type === 'ask' && m.attribute === 'firstName');
    c.send({ type: 'reply', id: `${id}-name`, cardId: 'name', text: 'Ada' });
    await c.next((m) => m.type === 'ask' && m.attribute === 'email');
    c.send({ type: 'reply', id: `${id}-email`, cardId: 'email', text: 'ada@example.com' });
  }
  await c.next('waiting');
  return conversationId as string;
}

describe("the visitor's context", () => {
  it('shows where the chat was requested, the browser, local time zone and language, captures, goals and earlier conversations', async () => {
    const token = await t.login('agent@demo.test');
    const agent = await Client.open(`${t.ws}/ws/agent?token=${token}`);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');

    // The first visit: started and asked for a person on /demo, chatted, ended by the agent.
    const first = await visitor('http://localhost/demo', {
      title: 'Demo — Tributary',
      referrer: 'https://search.example/?q=tributary',
      timeZone: 'Asia/Seoul',
      language: 'ko-KR',
    });
    const c1 = await askForPerson(first.c, 'first', 'http://localhost/demo', false);
    const offer1 = await agent.next('offer');
    agent.send({ type: 'accept', conversationId: offer1.offer.conversationId });
    await agent.next('chatOpened');
    agent.send({ type: 'end', conversationId: c1 });
    await first.c.next('ended');
    first.c.close();

    // The same visitor comes back on another page, in another language, and asks again.
    const again = await visitor(
      'http://localhost/demo?plan=pro',
      { title: 'Pricing', timeZone: 'Europe/Berlin', language: 'de-DE' },
      first.visitorToken,
    );
    expect(again.visitorId).toBe(first.visitorId);
    const c2 = await askForPerson(again.c, 'again', 'http://localhost/demo?plan=pro', true);
    const offer2 = await agent.next('offer');
    expect(offer2.offer.conversationId).toBe(c2);
    agent.send({ type: 'accept', conversationId: c2 });
    await agent.next('chatOpened');

    const r = await t.api('GET', `/api/conversations/${c2}/context`, { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      conversationId: c2,
      visitorId: first.visitorId,
      page: { url: 'http://localhost/demo?plan=pro', title: 'Pricing' },
      requested: true,
      referrer: null,
      browser: { name: 'Chrome', version: '120.0.0.0' },
      os: { name: 'Windows' },
      device: 'desktop',
      userAgent: CHROME_ON_WINDOWS,
      timeZone: 'Europe/Berlin',
      language: 'de-DE',
      captured: [
        { attribute: 'firstName', value: 'Ada' },
        { attribute: 'email', value: 'ada@example.com' },
      ],
      goals: [{ name: 'sales-lead', score: 2 }],
      score: 2,
    });
    expect(r.body.earlier.map((e: { id: string }) => e.id)).toEqual([c1]);
    expect(r.body.earlier[0]).toMatchObject({ status: 'ended', visitor: { firstName: 'Ada' } });

    // The first conversation kept its own context: the page and referrer it was requested from.
    const old = await t.api('GET', `/api/conversations/${c1}/context`, { token });
    expect(old.body).toMatchObject({
      page: { url: 'http://localhost/demo', title: 'Demo — Tributary' },
      referrer: 'https://search.example/?q=tributary',
      timeZone: 'Asia/Seoul',
      language: 'ko-KR',
      earlier: [],
    });

    // Its transcript opens for the agent who chats with this visitor; not for a colleague who never did.
    expect((await t.api('GET', `/api/conversations/${c1}`, { token })).status).toBe(200);
    const other = await t.login('agent2@demo.test');
    expect((await t.api('GET', `/api/conversations/${c2}/context`, { token: other })).status).toBe(403);
    expect((await t.api('GET', `/api/conversations/${c1}`, { token: other })).status).toBe(403);
    expect((await t.api('GET', '/api/conversations/c_none/context', { token })).status).toBe(404);
    agent.send({ type: 'end', conversationId: c2 });
    again.c.close();
    agent.close();
  });

  it('says what is missing when the widget tells nothing, and refuses a hello whose page breaks the limits', async () => {
    const admin = await t.login('admin@demo.test');
    const c = await Client.open(`${t.ws}/ws/visitor`);
    c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    await c.next('welcome');
    c.send({ type: 'start', id: 'bare', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const { conversationId } = await c.next('started');
    await c.next('ask');
    const r = await t.api('GET', `/api/conversations/${conversationId}/context`, { token: admin });
    expect(r.body).toMatchObject({
      page: { url: 'http://localhost/demo', title: null },
      requested: false,
      referrer: null,
      browser: null,
      os: null,
      timeZone: null,
      language: null,
      captured: [
        { attribute: 'firstName', value: null },
        { attribute: 'email', value: null },
      ],
      goals: [],
      score: 0,
    });
    c.close();

    for (const page of [
      { title: 'x'.repeat(301) },
      { referrer: 'javascript:alert(1)' },
      { timeZone: 'Asia/Seoul; drop table' },
      { language: 'en_US!' },
    ]) {
      const bad = await Client.open(`${t.ws}/ws/visitor`);
      bad.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo', page });
      const err = await bad.next('error');
      expect(err.code).toBe('bad-message');
      expect(err.message).toContain(`page.${Object.keys(page)[0]}`);
      bad.close();
    }
  });
});
