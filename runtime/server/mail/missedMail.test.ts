import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailBody, SmtpInbox } from '../../../testing/smtpInbox.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';

/**
 * Missed chats and the messages visitors leave after them reach the agents of the pool by email (a local SMTP
 * server, checked by content). The demo's live chat routes round robin: its pool is every agent with live chat.
 */
let t: TestServer;
let smtp: SmtpInbox;

beforeAll(async () => {
  t = await bootServer({ mail: { retryDelaysMs: [100], timeoutMs: 2000 } });
  smtp = new SmtpInbox();
  await smtp.listen();
  const admin = await t.login('admin@demo.test');
  const put = await t.api('PUT', '/api/settings/email', {
    token: admin,
    body: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'chat@demo.test' },
  });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('missed-chat emails to the pool', () => {
  it('emails the agents of the pool a missed chat with its transcript, then the message the visitor leaves', async () => {
    const c = await Client.open(`${t.ws}/ws/visitor`);
    c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    await c.next('welcome');
    c.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const { conversationId } = await c.next('started');
    await c.next((m) => m.type === 'ask' && m.kind === 'question');
    c.send({ type: 'reply', id: 'r1', cardId: 'ask', answerId: 'yes' });
    await c.next((m) => m.type === 'ask' && m.attribute === 'firstName');
    c.send({ type: 'reply', id: 'r2', cardId: 'name', text: 'Ada' });
    await c.next((m) => m.type === 'ask' && m.attribute === 'email');
    c.send({ type: 'reply', id: 'r3', cardId: 'email', text: 'ada@example.com' });
    // Every agent is offline: the fallback, a missed chat.
    expect(await c.next('missed')).toMatchObject({ conversationId, emailKnown: true });

    const missed = await smtp.waitFor(2);
    expect(missed.map((m) => m.to[0]).sort()).toEqual(['agent2@demo.test', 'agent@demo.test']);
    for (const m of missed) {
      expect(m.raw).toMatch(/^Subject: Missed chat: Ada <ada@example.com>$/m);
      expect(m.raw).toMatch(/^Reply-To: ada@example.com$/m);
      const text = mailBody(m.raw);
      expect(text).toContain(
        'Ada <ada@example.com> asked to chat (Demo: talk to sales) and nobody could take it: no agent was available.',
      );
      expect(text).toMatch(/\] Bot: Would you like to talk to someone from sales\?/);
      expect(text).toMatch(/\] Ada: ada@example.com/);
    }

    c.send({ type: 'leaveMessage', id: 'l1', conversationId, text: 'Please call me back about pricing.' });
    await c.next('messageLeft');
    const all = await smtp.waitFor(4);
    const left = all.slice(2);
    expect(left.map((m) => m.to[0]).sort()).toEqual(['agent2@demo.test', 'agent@demo.test']);
    for (const m of left) {
      expect(m.raw).toMatch(/^Subject: Message from Ada <ada@example.com>$/m);
      expect(mailBody(m.raw)).toContain('> Please call me back about pricing.');
      expect(m.raw).toMatch(/^Reply-To: ada@example.com$/m);
    }
    c.close();
  });
});
