import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedVisitor } from '../../inbox/testing/visitor.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openStore } from '../store/open.ts';
import { bootServer, type TestServer } from '../testkit.ts';
import { SmtpInbox as Inbox } from '../../../testing/smtpInbox.ts';
import { createMailer } from './mailer.ts';
import { waitFor } from '../../../testing/waitFor.ts';

let t: TestServer;
let inbox: Inbox;
let admin: string;
/** Accepts TCP connections and never says a word. */
let silent: Server;
const held: Socket[] = [];

beforeAll(async () => {
  t = await bootServer({ mail: { retryDelaysMs: [100, 100, 100], timeoutMs: 400 } });
  inbox = new Inbox();
  await inbox.listen();
  silent = createServer((s) => held.push(s));
  await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
  admin = await t.login('admin@demo.test');
});
afterAll(async () => {
  for (const s of held) s.destroy();
  silent?.close();
  await inbox?.close();
  await t?.close();
});

const smtpAt = (port: number) => ({ host: '127.0.0.1', port, security: 'none' as const, from: 'chat@demo.test' });

describe('email', () => {
  it('keeps the SMTP settings for admins only, the password write-only', async () => {
    const agent = await t.login('agent@demo.test');
    expect((await t.api('GET', '/api/settings/email', { token: agent })).status).toBe(403);
    expect((await t.api('GET', '/api/settings/email', { token: admin })).body).toBeNull();
    const bad = await t.api('PUT', '/api/settings/email', { token: admin, body: { ...smtpAt(25), from: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/from/);
    const put = await t.api('PUT', '/api/settings/email', {
      token: admin,
      body: { ...smtpAt(inbox.port), user: 'chat', password: 'secret' },
    });
    expect(put.body).toEqual({ ...smtpAt(inbox.port), user: 'chat', passwordSet: true });
    // Left out, the password stays; the answer never holds it.
    const again = await t.api('PUT', '/api/settings/email', { token: admin, body: smtpAt(inbox.port) });
    expect(again.body).toMatchObject({ user: '', passwordSet: true });
    expect(JSON.stringify((await t.api('GET', '/api/settings/email', { token: admin })).body)).not.toContain('secret');
    await t.api('PUT', '/api/settings/email', { token: admin, body: { ...smtpAt(inbox.port), password: '' } });
  });

  it("sends the admin's test email and says what a refusing server answered", async () => {
    const ok = await t.api('POST', '/api/settings/email/test', { token: admin });
    expect(ok.body).toEqual({ to: 'admin@demo.test', sent: true });
    const mail = (await inbox.waitFor(1)).at(-1)!;
    expect(mail.to).toEqual(['admin@demo.test']);
    expect(mail.raw).toMatch(/^Subject: Tributary test email$/m);
    inbox.refuse = 1;
    const refused = await t.api('POST', '/api/settings/email/test', { token: admin });
    expect(refused.body).toMatchObject({ sent: false, error: expect.stringMatching(/451/) });
  });

  it('emails the visitor their transcript, retrying while the server refuses', async () => {
    const before = inbox.mails.length;
    const v = await ScriptedVisitor.askForAgent(t.base, { firstName: 'Ada', email: 'ada@example.com' });
    await v.next((m) => m.type === 'fallback');
    inbox.refuse = 2;
    const agent = await t.login('agent@demo.test');
    // Not the agent's conversation (nobody took it): only view-all may send it.
    const other = await t.api('POST', `/api/conversations/${v.conversationId}/transcript`, { token: agent, body: {} });
    expect(other.status).toBe(403);
    const sent = await t.api('POST', `/api/conversations/${v.conversationId}/transcript`, { token: admin, body: {} });
    expect(sent).toMatchObject({ status: 200, body: { to: 'ada@example.com' } });
    // The agents hear of the missed chat too: pick the visitor's email out.
    const mail = await inbox.to('ada@example.com', before);
    expect(inbox.refused).toBeGreaterThanOrEqual(2);
    expect(mail.to).toEqual(['ada@example.com']);
    expect(mail.raw).toMatch(/^Subject: Your conversation of \d{4}-\d\d-\d\d$/m);
    expect(mail.raw).toContain('You: Ada');
    expect(mail.raw).toContain('Bot: Hi there! Welcome to the demo.');
    expect(mail.raw).toContain('You: ada@example.com');
    v.close();
  });

  it('a hanging server neither blocks the chat nor loses the email', async () => {
    await t.api('PUT', '/api/settings/email', {
      token: admin,
      body: smtpAt((silent.address() as { port: number }).port),
    });
    const before = inbox.mails.length;
    // While the server hangs, chats go on: a visitor reaches the fallback as ever.
    const v = await ScriptedVisitor.askForAgent(t.base, { firstName: 'Bo', email: 'bo@example.com' });
    const sent = await t.api('POST', `/api/conversations/${v.conversationId}/transcript`, { token: admin, body: {} });
    expect(sent.status).toBe(200);
    await v.next((m) => m.type === 'fallback');
    await new Promise((ok) => setTimeout(ok, 500));
    expect(held.length).toBeGreaterThanOrEqual(1);
    // The admin fixes the settings; the next retry reads them and delivers.
    await t.api('PUT', '/api/settings/email', { token: admin, body: smtpAt(inbox.port) });
    const mail = await inbox.to('bo@example.com', before);
    expect(mail.to).toEqual(['bo@example.com']);
    v.close();
  });
});

describe('the mailer', () => {
  it("sends one email to each agent of a pool: a team's members, one agent, or every live-chat agent", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-mail-'));
    const store = await openStore({ dataDir: dir }, () => undefined);
    try {
      const person = (email: string, liveChat: boolean) =>
        store.users.create({ email, name: email, passwordHash: 'x', roles: ['agent'], liveChat });
      const [a, b] = [await person('a@x.io', true), await person('b@x.io', true)];
      await person('c@x.io', false);
      await store.teams.create('sales', 'Sales', [a.id, b.id]);
      await store.meta.setEmailSettings({ ...smtpAt(inbox.port), security: 'none', user: '', password: '' });
      const mailer = createMailer({ store, log: pino({ level: 'silent' }) }, { retryDelaysMs: [50] });
      const mail = { subject: 'Missed chat', text: 'Ada asked for sales' };
      const before = inbox.mails.length;
      expect(await mailer.toPool({ teamId: 'sales' }, mail)).toEqual(['a@x.io', 'b@x.io']);
      expect(await mailer.toPool({ agentId: b.id }, mail)).toEqual(['b@x.io']);
      expect(await mailer.toPool('all', mail)).toEqual(['a@x.io', 'b@x.io']);
      expect(await mailer.toPool({ teamId: 'nobody' }, mail)).toEqual([]);
      await mailer.idle();
      // (Missed-chat emails of the tests above may still arrive for the demo's agents: only this store's count.)
      const got = inbox.mails.slice(before).filter((m) => m.to[0].endsWith('@x.io'));
      expect(got.map((m) => m.to[0]).sort()).toEqual(['a@x.io', 'a@x.io', 'b@x.io', 'b@x.io', 'b@x.io']);
      expect(got[0].raw).toMatch(/^Subject: Missed chat$/m);
      expect(got[0].raw).toContain('Ada asked for sales');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
