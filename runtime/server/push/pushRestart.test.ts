import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedVisitor } from '../../inbox/testing/visitor.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { TestPushService } from '../../../testing/webPushService.ts';
import { bootServer, Client } from '../testkit.ts';

// Its own push service, apart from push.test.ts: nothing else reaches it while it is down.
let svc: TestPushService;
beforeAll(async () => {
  svc = await TestPushService.start();
});
afterAll(async () => {
  await svc?.close();
});

describe('Web Push retries', () => {
  it('survive a restart: a push refused while the push service is down is sent by the next node', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tributary-push-retry-'));
    // The first retry is due well after this node stops (a sooner one could use up the retries before the stop).
    const first = await bootServer({
      dataDir,
      push: { agent: svc.agent, retryDelaysMs: [5_000, 200], timeoutMs: 2000 },
    });
    const token = await first.login('agent@demo.test');
    const { publicKey } = (await first.api('GET', '/api/push/key', { token })).body;
    const sub = await svc.subscribe(publicKey);
    const saved = await first.api('PUT', '/api/push/subscriptions', {
      token,
      body: { endpoint: sub.endpoint, keys: sub.keys, lang: 'en' },
    });
    expect(saved.status).toBe(204);
    const agent = await Client.open(`${first.ws}/ws/agent?token=${token}`);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');
    const v = await ScriptedVisitor.askForAgent(first.base, { firstName: 'Cy', email: 'cy@example.com' });
    await agent.next((m) => m.type === 'offer' && m.offer.conversationId === v.conversationId);
    agent.send({ type: 'accept', conversationId: v.conversationId });
    await v.next((m) => m.type === 'agentJoined');
    await waitFor('the offer push', () => svc.messages(sub).length === 1);

    // The push service goes down: the visitor's message is pushed, refused, kept; the node stops before its retry.
    svc.down = true;
    const before = svc.received(sub);
    const id = v.say('Anyone there?');
    await v.next((m) => m.type === 'ack' && m.id === id);
    await waitFor('the refused push', () => svc.received(sub) > before);
    v.close();
    agent.close();
    await first.close();
    svc.down = false;

    // Another node on the same data: its worker finds the kept push and sends it to the subscription.
    const logs: any[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
        done();
      },
    });
    const second = await bootServer({
      dataDir,
      databaseUrl: first.databaseUrl,
      logger: pino({ level: 'info' }, sink),
      push: { agent: svc.agent, retryDelaysMs: [200, 200], timeoutMs: 2000 },
    });
    try {
      await waitFor('the kept push', () => svc.messages(sub).length === 2);
      expect(JSON.parse(svc.messages(sub)[1])).toMatchObject({
        kind: 'message',
        conversationId: v.conversationId,
        title: 'New message from Cy',
        body: 'Anyone there?',
      });
      await waitFor('the sent log', () => logs.some((l) => l.msg === 'push sent'));
      expect(logs.find((l) => l.msg === 'push sent')).toMatchObject({ kind: 'message', attempt: 2 });
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
