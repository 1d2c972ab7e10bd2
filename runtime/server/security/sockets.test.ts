import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';

/** Sockets under attack: one address opening many, cookies from other sites, access taken away while connected. */
describe('socket protections', () => {
  let t: TestServer;
  const CAP = 20;
  beforeAll(async () => {
    t = await bootServer({ security: { visitorSocketsPerAddress: CAP, trustedProxies: ['127.0.0.1'] } });
  });
  afterAll(() => t.close());

  /** A socket and the code it closes with (or null while open after `ms`). */
  const socket = (path: string, headers: Record<string, string> = {}) => {
    const ws = new WebSocket(t.ws + path, { headers });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.on('error', () => {});
    return { ws, closed, opened };
  };
  const stillOpen = (p: Promise<number>, ms = 300) =>
    Promise.race([p.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), ms))]);

  it('caps open visitor sockets per address with 4429, and serves another address meanwhile', async () => {
    const flood = Array.from({ length: CAP + 5 }, () => socket('/ws/visitor', { 'x-forwarded-for': '203.0.113.9' }));
    const codes = await Promise.all(
      flood.map((s) => Promise.race([s.closed, new Promise<number>((r) => setTimeout(() => r(0), 1000))])),
    );
    expect(codes.filter((c) => c === CLOSE.tooManySockets)).toHaveLength(5);
    expect(codes.filter((c) => c === 0)).toHaveLength(CAP);
    // A visitor from elsewhere is served while the flood holds its sockets.
    const v = await Client.open(`${t.ws}/ws/visitor`, { 'x-forwarded-for': '198.51.100.20' });
    v.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    expect((await v.next('welcome')).type).toBe('welcome');
    v.close();
    // Slots are given back when sockets close.
    for (const s of flood) s.ws.close();
    await Promise.all(flood.map((s) => s.closed));
    const again = socket('/ws/visitor', { 'x-forwarded-for': '203.0.113.9' });
    await again.opened;
    expect(await stillOpen(again.closed)).toBe(true);
    again.ws.close();
    const m = await t.api('GET', '/metrics', { token: await t.login('admin@demo.test') });
    expect(m.body).toMatch(/tributary_limit_refusals_total\{limit="visitor-sockets"\} 5/);
  });

  it('refuses cookie-authenticated /ws/agent and /collab handshakes from another site with 4403', async () => {
    const agent = await t.login('agent@demo.test');
    const marketer = await t.login('marketer@demo.test');
    const stream = (await t.api('GET', '/api/streams', { token: marketer })).body[0].id;
    const evil = { origin: 'https://evil.example' };
    const a = socket('/ws/agent', { ...evil, cookie: `tributary_session=${agent}` });
    const c = socket(`/collab/${stream}`, { ...evil, cookie: `tributary_session=${marketer}` });
    expect(await a.closed).toBe(CLOSE.foreignOrigin);
    expect(await c.closed).toBe(CLOSE.foreignOrigin);
    // The same cookie from this site's page, and a script without Origin, are served.
    const own = socket('/ws/agent', { origin: t.base, cookie: `tributary_session=${agent}` });
    const script = socket(`/collab/${stream}`, { cookie: `tributary_session=${marketer}` });
    await Promise.all([own.opened, script.opened]);
    expect(await stillOpen(own.closed)).toBe(true);
    expect(await stillOpen(script.closed)).toBe(true);
    own.ws.close();
    script.ws.close();
  });

  it('closes /ws/agent with 4402 at once when live chat is taken away', async () => {
    const admin = await t.login('admin@demo.test');
    const agents = (await t.api('GET', '/api/agents', { token: admin })).body;
    const agent2 = agents.find((a: any) => a.email === 'agent2@demo.test');
    const s = socket(`/ws/agent?token=${await t.login('agent2@demo.test')}`);
    await s.opened;
    expect((await t.api('PATCH', `/api/users/${agent2.id}`, { token: admin, body: { liveChat: false } })).status).toBe(
      200,
    );
    expect(await s.closed).toBe(CLOSE.accessRevoked);
    await t.api('PATCH', `/api/users/${agent2.id}`, { token: admin, body: { liveChat: true } });
  });

  it('closes /collab with 4402 at once when the marketer role is taken away', async () => {
    const admin = await t.login('admin@demo.test');
    const token = await t.login('marketer@demo.test');
    const me = (await t.api('GET', '/api/me', { token })).body;
    const stream = (await t.api('GET', '/api/streams', { token })).body[0].id;
    const s = socket(`/collab/${stream}?token=${token}`);
    await s.opened;
    expect((await t.api('PATCH', `/api/users/${me.id}`, { token: admin, body: { roles: ['agent'] } })).status).toBe(
      200,
    );
    expect(await s.closed).toBe(CLOSE.accessRevoked);
    await t.api('PATCH', `/api/users/${me.id}`, { token: admin, body: { roles: ['marketer'] } });
  });

  it('ends the other sessions and their sockets when a user changes their password', async () => {
    const [mine, other] = [await t.login('marketer@demo.test'), await t.login('marketer@demo.test')];
    const stream = (await t.api('GET', '/api/streams', { token: mine })).body[0].id;
    const a = socket(`/collab/${stream}?token=${mine}`);
    const b = socket(`/collab/${stream}?token=${other}`);
    await Promise.all([a.opened, b.opened]);
    const r = await t.api('PATCH', '/api/me', {
      token: mine,
      body: { password: 'a-new-password', currentPassword: 'tributary-demo' },
    });
    expect(r.status).toBe(200);
    expect(await b.closed).toBe(CLOSE.sessionEnded);
    expect(await stillOpen(a.closed)).toBe(true);
    expect((await t.api('GET', '/api/me', { token: other })).status).toBe(401);
    expect((await t.api('GET', '/api/me', { token: mine })).status).toBe(200);
    a.ws.close();
    await t.api('PATCH', '/api/me', {
      token: mine,
      body: { password: 'tributary-demo', currentPassword: 'a-new-password' },
    });
  });

  it('ends every session and socket of a user whose password an admin resets', async () => {
    const admin = await t.login('admin@demo.test');
    const token = await t.login('agent@demo.test');
    const me = (await t.api('GET', '/api/me', { token })).body;
    const s = socket(`/ws/agent?token=${token}`);
    await s.opened;
    await t.api('PATCH', `/api/users/${me.id}`, { token: admin, body: { password: 'tributary-demo' } });
    expect(await s.closed).toBe(CLOSE.sessionEnded);
    expect((await t.api('GET', '/api/me', { token })).status).toBe(401);
  });
});
