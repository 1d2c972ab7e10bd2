import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openStore } from '../store/open.ts';
import { startRetentionJob } from './retentionJob.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';
import { jsonDepth } from './nesting.ts';

/** Anonymous visitors growing the database, and bodies nested to overflow the stack. */
describe('visitor and body limits', () => {
  let t: TestServer;
  const PER_MIN = 5;
  beforeAll(async () => {
    t = await bootServer({
      keepData: true,
      security: { conversationsPerAddressPerMin: PER_MIN, trustedProxies: ['127.0.0.1'] },
    });
  });
  afterAll(() => t.close());

  const visitor = async (address: string) => {
    const v = await Client.open(`${t.ws}/ws/visitor`, { 'x-forwarded-for': address });
    v.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    await v.next('welcome');
    return v;
  };

  it('refuses new conversations past the per-address limit with rate-limited; another address starts one', async () => {
    const v = await visitor('203.0.113.50');
    for (let i = 0; i < PER_MIN; i++) {
      v.send({ type: 'start', id: `s${i}`, dialogueId: 'd_demo', url: 'http://localhost/demo' });
      expect((await v.next('started')).id).toBe(`s${i}`);
    }
    v.send({ type: 'start', id: 'over', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    expect(await v.next('error')).toMatchObject({ code: 'rate-limited', id: 'over' });
    const other = await visitor('203.0.113.51');
    other.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    expect((await other.next('started')).id).toBe('s');
    v.close();
    other.close();
  });

  it('refuses track for a dialogue that does not exist', async () => {
    const v = await visitor('203.0.113.60');
    v.send({ type: 'track', name: 'triggered', dialogueId: 'd_made_up' });
    expect(await v.next('error')).toMatchObject({ code: 'not-found' });
    v.close();
  });

  it('answers a body nested past the limit with 400 too-deep, not a stack overflow', async () => {
    const token = await t.login('marketer@demo.test');
    const n = 20_000;
    const raw = `{"format":"tributary.stream/1","deep":${'{"not":'.repeat(n)}{}${'}'.repeat(n)}}`;
    const r = await t.api('POST', '/api/streams', { token, raw, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('too-deep');
    expect(jsonDepth([[[]]])).toBe(3);
  });

  it('the retention job purges expired sessions', async () => {
    await t.login('agent@demo.test');
    await t.server.close();
    const store = await openStore({ dataDir: t.dataDir, databaseUrl: t.databaseUrl }, () => {});
    const job = startRetentionJob(
      { purgeExpired: (n) => store.sessions.purgeExpired(n), purgeConversations: async () => 0 },
      { days: 0, intervalSec: 3600, log: pino({ level: 'silent' }) },
    );
    expect((await job.runOnce(Date.now())).sessions).toBe(0);
    expect((await job.runOnce(Date.now() + 31 * 86_400_000)).sessions).toBeGreaterThan(0);
    job.stop();
    await store.close();
  });
});
