import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, Client, type TestServer } from '../testkit.ts';
import { clientAddress, trustedSet } from './clientAddress.ts';
import { MemoryCounters } from './counters.ts';
import { SignInThrottle } from './signInThrottle.ts';

describe('sign-in throttle', () => {
  it('lets failures up to the limit through, then doubles the wait; successes clear the account', () => {
    const th = new SignInThrottle(new MemoryCounters(), { perAccount: 3, perAddress: 100 });
    for (let i = 0; i < 3; i++) {
      expect(th.wait('a@x', '1.1.1.1', 1000)).toBe(0);
      th.attempt('a@x', '1.1.1.1', 1000);
    }
    expect(th.wait('a@x', '1.1.1.1', 1000)).toBe(30_000);
    th.attempt('a@x', '1.1.1.1', 2000);
    expect(th.wait('a@x', '9.9.9.9', 2000)).toBe(60_000);
    expect(th.wait('b@x', '1.1.1.1', 2000)).toBe(0);
    th.succeeded('a@x', '1.1.1.1', 2000);
    expect(th.wait('a@x', '1.1.1.1', 2000)).toBe(0);
  });

  it('counts per address across accounts', () => {
    const th = new SignInThrottle(new MemoryCounters(), { perAccount: 100, perAddress: 2 });
    th.attempt('a@x', '1.1.1.1', 0);
    th.attempt('b@x', '1.1.1.1', 0);
    expect(th.wait('c@x', '1.1.1.1', 0)).toBeGreaterThan(0);
    expect(th.wait('c@x', '2.2.2.2', 0)).toBe(0);
  });
});

describe('client address', () => {
  const trusted = trustedSet(['10.0.0.1']);
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('6.6.6.6', '1.2.3.4', trusted)).toBe('6.6.6.6');
  });
  it('takes the right-most untrusted hop behind a trusted proxy', () => {
    expect(clientAddress('10.0.0.1', 'spoofed, 1.2.3.4', trusted)).toBe('1.2.3.4');
    expect(clientAddress('0000:0000:0000:0000:0000:ffff:0a00:0001', '1.2.3.4', trusted)).toBe('1.2.3.4');
  });
});

describe('sign-in under attack', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await bootServer({
      security: { trustedProxies: ['127.0.0.1'], signInFailuresPerAccount: 5, signInFailuresPerAddress: 20 },
    });
  });
  afterAll(() => t.close());
  const attempt = (email: string, password: string, address: string) =>
    t.api('POST', '/api/session', { body: { email, password }, headers: { 'x-forwarded-for': address } });

  /** A person's browser: on 429 it waits what Retry-After says and tries again (a few times). */
  const signInRetrying = async (email: string, address: string) => {
    for (let i = 0; ; i++) {
      const r = await attempt(email, 'tributary-demo', address);
      if (r.status !== 429 || i === 20) return r.status;
      await new Promise((ok) => setTimeout(ok, Number(r.headers.get('retry-after')) * 1000));
    }
  };

  it('answers 429 with Retry-After past the account limit; another account signs in meanwhile', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('admin@demo.test', 'wrong', `192.0.2.${i}`)).status).toBe(401);
    const locked = await attempt('admin@demo.test', 'tributary-demo', '192.0.2.99');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt('marketer@demo.test', 'tributary-demo', '192.0.2.99')).status).toBe(200);
  });

  it('does not count successful sign-ins', async () => {
    for (let i = 0; i < 6; i++)
      expect((await attempt('agent@demo.test', 'tributary-demo', '192.0.2.50')).status).toBe(200);
  });

  it('holds a 200-attempt flood from many addresses: 401/429 only, a visitor and a sign-in served meanwhile', async () => {
    const visitor = await Client.open(`${t.ws}/ws/visitor`);
    visitor.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    await visitor.next('welcome');
    visitor.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    await visitor.next('started');
    await visitor.next((m) => m.type === 'ask');
    const flood = Array.from({ length: 200 }, (_, i) =>
      attempt(`nobody${i % 3}@demo.test`, 'guess', `198.18.${i % 10}.${i}`),
    );
    // During the flood: a visitor step is acknowledged and a legitimate sign-in answers 200.
    visitor.send({ type: 'reply', id: 'r1', cardId: 'ask', answerId: 'yes' });
    expect((await visitor.next('ack', 20_000)).id).toBe('r1');
    expect(await signInRetrying('agent2@demo.test', '198.51.100.1')).toBe(200);
    const statuses = (await Promise.all(flood)).map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    visitor.close();
  });

  it('refuses a burst from one address past its concurrency with 429 before hashing', async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => attempt('nobody@demo.test', 'guess', '198.19.0.1')),
    );
    expect(burst.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  });
});

describe('the global hash budget', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await bootServer({ security: { trustedProxies: ['127.0.0.1'], signInHashesPerSec: 1 } });
  });
  afterAll(() => t.close());

  it('refuses sign-ins past the hashes a second of the whole process with 429, whatever the address and account', async () => {
    // Each from its own address, for its own account: no per-address or per-account limit applies.
    const all = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.api('POST', '/api/session', {
          body: { email: `nobody${i}@example.com`, password: 'wrong' },
          headers: { 'x-forwarded-for': `198.51.100.${100 + i}` },
        }),
      ),
    );
    const statuses = all.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    expect(all.find((r) => r.status === 429)!.headers.get('retry-after')).toBe('1');
    const admin = await (async () => {
      for (;;) {
        const r = await t.api('POST', '/api/session', {
          body: { email: 'admin@demo.test', password: 'tributary-demo' },
        });
        if (r.status === 200) return r.body.token as string;
        await new Promise((ok) => setTimeout(ok, 1000));
      }
    })();
    const metrics = await t.api('GET', '/metrics', { token: admin });
    expect(metrics.body).toMatch(/tributary_limit_refusals_total\{limit="signin-hash-budget"\} [1-9]/);
  });
});
