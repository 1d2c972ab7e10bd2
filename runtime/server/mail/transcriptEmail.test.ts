import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailBody, SmtpInbox } from '../../../testing/smtpInbox.ts';
import { parseVisitorServerMessage } from '../../../shared/protocol/visitor.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';

/**
 * A visitor asks for their transcript by email over the visitor socket (`emailTranscript`): it reaches a local
 * SMTP server with what the visitor saw (no internal notes), to the email given or the one captured, a few an hour.
 */
let t: TestServer;
let smtp: SmtpInbox;

beforeAll(async () => {
  t = await bootServer({ mail: { retryDelaysMs: [100], timeoutMs: 2000 } });
  smtp = new SmtpInbox();
  await smtp.listen();
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function visitor() {
  const c = await Client.open(`${t.ws}/ws/visitor`);
  c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
  await c.next('welcome');
  c.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
  const { conversationId } = await c.next('started');
  await c.next((m) => m.type === 'ask' && m.kind === 'question');
  return { c, conversationId: conversationId as string };
}

describe('a visitor asks for the transcript by email', () => {
  it('refuses while email is off, asks for an address when none is known, checks it, and limits the rate', async () => {
    const { c, conversationId } = await visitor();
    // No email known yet: the server asks for one.
    c.send({ type: 'emailTranscript', id: 't1', conversationId });
    expect(await c.next('transcriptEmail')).toEqual({ type: 'transcriptEmail', id: 't1', sent: false });
    // A bad address: a clear error.
    c.send({ type: 'emailTranscript', id: 't2', conversationId, email: 'ada@' });
    expect(await c.next('error')).toMatchObject({
      id: 't2',
      code: 'not-allowed',
      message: expect.stringMatching(/email/),
    });
    // Email is not set up in this workspace yet.
    c.send({ type: 'emailTranscript', id: 't3', conversationId, email: 'ada@example.com' });
    expect(await c.next('error')).toMatchObject({ id: 't3', code: 'not-allowed', message: /not available/ });
    // Someone else's conversation: not found.
    const other = await visitor();
    other.c.send({ type: 'emailTranscript', id: 'x', conversationId, email: 'eve@example.com' });
    expect(await other.c.next('error')).toMatchObject({ id: 'x', code: 'not-found' });
    other.c.close();

    const admin = await t.login('admin@demo.test');
    const put = await t.api('PUT', '/api/settings/email', {
      token: admin,
      body: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'chat@demo.test' },
    });
    expect(put.status).toBe(200);

    c.send({ type: 'reply', id: 'r1', cardId: 'ask', answerId: 'yes' });
    await c.next((m) => m.type === 'ask' && m.attribute === 'firstName');
    c.send({ type: 'emailTranscript', id: 't4', conversationId, email: ' ada@example.com ' });
    expect(await c.next('transcriptEmail')).toEqual({
      type: 'transcriptEmail',
      id: 't4',
      sent: true,
      to: 'ada@example.com',
    });
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['ada@example.com']);
    expect(mail.raw).toMatch(/^Subject: Your conversation of \d{4}-\d{2}-\d{2}$/m);
    const text = mailBody(mail.raw);
    expect(text).toContain(conversationId);
    expect(text).toMatch(/\] Bot: Would you like to talk to someone from sales\?/);
    expect(text).toMatch(/\] You: Yes/);

    // Captured: the email the visitor gave the stream is used when none is given.
    c.send({ type: 'reply', id: 'r2', cardId: 'name', text: 'Ada' });
    await c.next((m) => m.type === 'ask' && m.attribute === 'email');
    c.send({ type: 'reply', id: 'r3', cardId: 'email', text: 'ada@northwind.example' });
    await c.next('waiting');
    c.send({ type: 'emailTranscript', id: 't5', conversationId });
    expect(await c.next('transcriptEmail')).toMatchObject({ id: 't5', sent: true, to: 'ada@northwind.example' });
    // (The agents get the missed chat meanwhile: every agent is offline.)
    expect(mailBody((await smtp.to('ada@northwind.example')).raw)).toMatch(/\] You: ada@northwind.example/);

    // A few an hour: the next ones are refused.
    c.send({ type: 'emailTranscript', id: 't6', conversationId });
    expect(await c.next('transcriptEmail')).toMatchObject({ id: 't6', sent: true });
    c.send({ type: 'emailTranscript', id: 't7', conversationId });
    expect(await c.next('error')).toMatchObject({ id: 't7', code: 'rate-limited' });
    for (const m of c.received) expect(parseVisitorServerMessage(JSON.stringify(m)).ok, JSON.stringify(m)).toBe(true);
    c.close();
  });
});
