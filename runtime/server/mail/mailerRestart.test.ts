import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedVisitor } from '../../inbox/testing/visitor.ts';
import { SmtpInbox as Inbox } from '../../../testing/smtpInbox.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { bootServer } from '../testkit.ts';

// Its own SMTP server, apart from mailer.test.ts: no other server's retries reach it while it refuses.
let inbox: Inbox;
beforeAll(async () => {
  inbox = new Inbox();
  await inbox.listen();
});
afterAll(async () => {
  await inbox?.close();
});

const smtpAt = (port: number) => ({ host: '127.0.0.1', port, security: 'none' as const, from: 'chat@demo.test' });

describe('email retries', () => {
  it('survive a restart: a failed email kept in the store is sent by the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tributary-retry-'));
    // The first retry is due well after this node stops (a sooner one could use up the retries before the stop).
    const first = await bootServer({ dataDir, mail: { retryDelaysMs: [5_000, 200], timeoutMs: 400 } });
    const admin1 = await first.login('admin@demo.test');
    await first.api('PUT', '/api/settings/email', { token: admin1, body: smtpAt(inbox.port) });
    const v = await ScriptedVisitor.askForAgent(first.base, { firstName: 'Cy', email: 'cy@example.com' });
    await v.next((m) => m.type === 'fallback');
    v.close();
    // The SMTP server refuses: the email is kept to retry; the node stops before the retry is due.
    inbox.refuse = 1_000;
    const refusedBefore = inbox.refused;
    const sent = await first.api('POST', `/api/conversations/${v.conversationId}/transcript`, {
      token: admin1,
      body: {},
    });
    expect(sent.status).toBe(200);
    await waitFor('refused', () => inbox.refused > refusedBefore);
    await first.close();
    const before = inbox.mails.length;
    inbox.refuse = 0;
    // Back on the same data: the worker finds the kept email and sends it.
    const second = await bootServer({
      dataDir,
      databaseUrl: first.databaseUrl,
      mail: { retryDelaysMs: [200, 200], timeoutMs: 400 },
    });
    try {
      const mail = await inbox.to('cy@example.com', before);
      expect(mail.raw).toMatch(/^Subject: Your conversation of /m);
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
