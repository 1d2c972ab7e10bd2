import { readFileSync } from 'node:fs';
import uWS from 'uws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, type TestServer } from './testkit.ts';

let t: TestServer;
let admin: string;
let marketer: string;
let agent: string;
const demoDoc = JSON.parse(readFileSync(new URL('../../examples/demo.json', import.meta.url), 'utf8'));

beforeAll(async () => {
  t = await bootServer();
  [admin, marketer, agent] = await Promise.all(
    ['admin@demo.test', 'marketer@demo.test', 'agent@demo.test'].map((e) => t.login(e)),
  );
});
afterAll(async () => {
  await t?.close();
});

describe('server basics', () => {
  it('runs on the native uWebSockets.js binary, not the JavaScript fallback', () => {
    expect(typeof (uWS as any).getParts).toBe('function');
    expect(typeof uWS.SSLApp).toBe('function');
  });

  it('answers /healthz, /metrics and JSON errors for unknown API routes', async () => {
    const health = await t.api('GET', '/healthz');
    expect(health.status).toBe(200);
    // One process: it names itself and owns routing.
    expect(health.body).toEqual({ status: 'ok', node: expect.any(String), routingOwner: true });
    expect((await t.api('GET', '/metrics')).status).toBe(401);
    const m = await t.api('GET', '/metrics', { token: await t.login('admin@demo.test') });
    expect(m.body).toContain('tributary_ws_connections');
    expect(m.body).toContain('tributary_routing_decisions_total');
    const nf = await t.api('POST', '/api/nope', { body: {} });
    expect(nf.status).toBe(404);
    expect(nf.body.error.code).toBe('not-found');
    const na = await t.api('PUT', '/api/session', { body: {} });
    expect(na.status).toBe(405);
  });

  it('serves the demo page, and a clear 503 page for an app that is not built', async () => {
    const demo = await t.api('GET', '/demo');
    expect(demo.status).toBe(200);
    expect(demo.body).toContain('/widget.js');
    const traversal = await t.api('GET', '/assets/..%2f..%2fpackage.json');
    expect(traversal.status).toBe(404);
  });

  it('serves the product icon from its own origin, and nothing for /favicon.ico', async () => {
    const icon = await t.api('GET', '/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect((await t.api('GET', '/favicon.ico')).status).toBe(204);
  });
});

describe('sessions and permissions', () => {
  it('signs in with a cookie and a token, and refuses wrong credentials without a hint', async () => {
    const ok = await t.api('POST', '/api/session', { body: { email: 'ADMIN@demo.test', password: 'tributary-demo' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/tributary_session=.+HttpOnly; SameSite=Lax/);
    const wrongPw = await t.api('POST', '/api/session', { body: { email: 'admin@demo.test', password: 'nope' } });
    const wrongUser = await t.api('POST', '/api/session', {
      body: { email: 'who@demo.test', password: 'tributary-demo' },
    });
    expect(wrongPw.status).toBe(401);
    expect(wrongUser.status).toBe(401);
    expect(wrongPw.body).toEqual(wrongUser.body);
    const bad = await t.api('POST', '/api/session', {
      raw: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
  });

  it('revokes a session on DELETE /api/session', async () => {
    const token = await t.login('marketer@demo.test');
    expect((await t.api('GET', '/api/me', { token })).status).toBe(200);
    expect((await t.api('DELETE', '/api/session', { token })).status).toBe(204);
    expect((await t.api('GET', '/api/me', { token })).status).toBe(401);
  });

  it('accepts the cookie, and refuses a cross-site state change made with it', async () => {
    const r = await t.api('POST', '/api/session', { body: { email: 'admin@demo.test', password: 'tributary-demo' } });
    const cookie = r.headers.get('set-cookie')!.split(';')[0];
    expect((await t.api('GET', '/api/me', { headers: { cookie } })).body.email).toBe('admin@demo.test');
    const evil = await t.api('PATCH', '/api/settings', {
      headers: { cookie, origin: 'https://evil.example' },
      body: { acceptTimeoutSec: 30 },
    });
    expect(evil.status).toBe(403);
    const same = await t.api('PATCH', '/api/settings', {
      headers: { cookie, origin: t.base },
      body: { acceptTimeoutSec: 45 },
    });
    expect(same.status).toBe(200);
  });

  it('enforces roles: admins manage settings, marketers edit streams, agents read conversations', async () => {
    expect((await t.api('PATCH', '/api/settings', { token: marketer, body: { plan: 'prime' } })).status).toBe(403);
    expect((await t.api('GET', '/api/streams', { token: agent })).status).toBe(403);
    expect((await t.api('GET', '/api/streams', { token: marketer })).status).toBe(200);
    expect((await t.api('GET', '/api/conversations', { token: agent })).status).toBe(200);
    expect((await t.api('GET', '/api/conversations', { token: marketer })).status).toBe(403);
    expect((await t.api('GET', '/api/users')).status).toBe(401);
  });
});

describe('streams', () => {
  it('imports, exports, publishes, lists versions, rolls back, duplicates, renames and deletes', async () => {
    const created = await t.api('POST', '/api/streams', { token: marketer, body: demoDoc });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const exported = await t.api('GET', `/api/streams/${id}/export`, { token: marketer });
    expect(exported.body).toMatchObject({ format: 'tributary.stream/1', name: demoDoc.name, start: 'hello' });
    expect(exported.body.cards).toHaveLength(demoDoc.cards.length);
    expect(exported.body.edges).toHaveLength(demoDoc.edges.length);

    const p1 = await t.api('POST', `/api/streams/${id}/publish`, { token: marketer });
    expect(p1.status).toBe(201);
    expect(p1.body).toMatchObject({ version: 1, hash: expect.stringMatching(/^sha256:/) });
    const again = await t.api('POST', `/api/streams/${id}/publish`, { token: marketer });
    expect(again.status).toBe(200);
    expect(again.body.unchanged).toBe(true);
    const roll = await t.api('POST', `/api/streams/${id}/rollback`, { token: marketer, body: { version: 1 } });
    expect(roll.status).toBe(201);
    expect(roll.body.version).toBe(2);
    const versions = await t.api('GET', `/api/streams/${id}/versions`, { token: marketer });
    expect(versions.body.map((v: any) => v.version)).toEqual([2, 1]);
    const v1 = await t.api('GET', `/api/streams/${id}/versions/1`, { token: marketer });
    expect(v1.body.compiled.format).toBe('tributary.compiled/1');

    const renamed = await t.api('PATCH', `/api/streams/${id}`, { token: marketer, body: { name: 'Renamed' } });
    expect(renamed.body.name).toBe('Renamed');
    expect((await t.api('GET', `/api/streams/${id}/export`, { token: marketer })).body.name).toBe('Renamed');
    const dup = await t.api('POST', `/api/streams/${id}/duplicate`, { token: marketer });
    expect(dup.status).toBe(201);
    expect((await t.api('GET', `/api/streams/${dup.body.id}`, { token: marketer })).body.name).toBe('Renamed (copy)');
    const list = await t.api('GET', '/api/streams', { token: marketer });
    expect(list.body.map((s: any) => s.id)).toEqual(expect.arrayContaining([id, dup.body.id]));
    expect(list.body[0]).toHaveProperty('editors');
    expect((await t.api('DELETE', `/api/streams/${dup.body.id}`, { token: marketer })).status).toBe(204);
    expect((await t.api('GET', `/api/streams/${dup.body.id}`, { token: marketer })).status).toBe(404);
  });

  it('refuses to publish a stream with lint errors, with the diagnostics', async () => {
    const broken = {
      format: 'tributary.stream/1',
      name: 'Broken',
      start: 'nope',
      cards: [{ id: 'a', type: 'message', data: { text: '' } }],
      edges: [],
    };
    const { body } = await t.api('POST', '/api/streams', { token: marketer, body: broken });
    const r = await t.api('POST', `/api/streams/${body.id}/publish`, { token: marketer });
    expect(r.status).toBe(422);
    expect(r.body.diagnostics.map((d: any) => d.code)).toEqual(
      expect.arrayContaining(['no-start', 'invalid-card-data']),
    );
  });

  it('refuses invalid interchange documents with 422 naming the field', async () => {
    const r = await t.api('POST', '/api/streams', {
      token: marketer,
      body: { format: 'tributary.stream/1', cards: [{ id: 1 }], edges: [] },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('cards[0]');
  });

  it('lints with the workspace: an unknown agent target blocks publishing', async () => {
    const doc = {
      format: 'tributary.stream/1',
      name: 'Agent',
      start: 'q',
      cards: [
        { id: 'q', type: 'question', data: { prompt: 'Talk?', answers: [{ id: 'y', label: 'Yes' }] } },
        { id: 'e', type: 'capture', data: { attribute: 'email', prompt: 'Email?', input: 'text', ifKnown: 'skip' } },
        { id: 'l', type: 'liveChat', data: { routing: { mode: 'agent', agentId: 'ghost' } } },
      ],
      edges: [
        { from: 'q', port: 'y', to: 'e' },
        { from: 'e', to: 'l' },
      ],
    };
    const { body } = await t.api('POST', '/api/streams', { token: marketer, body: doc });
    const ctx = await t.api('GET', `/api/streams/${body.id}/lint-context`, { token: marketer });
    expect(ctx.body.agents.length).toBe(2);
    const r = await t.api('POST', `/api/streams/${body.id}/publish`, { token: marketer });
    expect(r.status).toBe(422);
    expect(r.body.diagnostics.map((d: any) => d.code)).toContain('live-chat-unknown-target');
  });
});

describe('workspace administration', () => {
  it('reads and edits settings, with limits and a read-only engagement count', async () => {
    const s = await t.api('GET', '/api/settings', { token: agent });
    expect(s.body).toMatchObject({
      plan: 'select',
      acceptTimeoutSec: 45,
      maxChatsPerAgent: 10,
      trialEngagementLimit: 100,
      engagementsUsed: 0,
      workspace: 'demo',
    });
    expect((await t.api('PATCH', '/api/settings', { token: admin, body: { maxChatsPerAgent: 11 } })).status).toBe(400);
    expect((await t.api('PATCH', '/api/settings', { token: admin, body: { engagementsUsed: 3 } })).status).toBe(400);
    const ok = await t.api('PATCH', '/api/settings', { token: admin, body: { fallbackMessage: 'Back soon!' } });
    expect(ok.body.fallbackMessage).toBe('Back soon!');
  });

  it('manages users, teams, rules and custom attributes', async () => {
    const u = await t.api('POST', '/api/users', {
      token: admin,
      body: { email: 'cid@demo.test', name: 'Cid', password: 'password1', roles: ['agent'] },
    });
    expect(u.status).toBe(201);
    expect(u.body).toMatchObject({ liveChat: true, status: 'offline' });
    expect(
      (
        await t.api('POST', '/api/users', {
          token: admin,
          body: { email: 'cid@demo.test', name: 'Cid', password: 'password1', roles: ['agent'] },
        })
      ).status,
    ).toBe(409);
    const team = await t.api('POST', '/api/teams', {
      token: admin,
      body: { name: 'Support Team', members: [u.body.id] },
    });
    expect(team.body).toMatchObject({ id: 'support-team', members: [u.body.id] });
    expect((await t.api('POST', '/api/teams', { token: admin, body: { name: 'X', members: ['nobody'] } })).status).toBe(
      422,
    );
    const rules = [
      { id: 'acme', when: { attribute: 'company', op: 'is', value: 'Acme' }, route: { teamId: 'support-team' } },
    ];
    expect((await t.api('PUT', '/api/rules', { token: admin, body: rules })).status).toBe(200);
    expect((await t.api('GET', '/api/rules', { token: agent })).body).toEqual(rules);
    expect(
      (await t.api('PUT', '/api/rules', { token: admin, body: [{ ...rules[0], route: { teamId: 'ghost' } }] })).status,
    ).toBe(422);
    // A rule whose condition nests past the limit is refused naming the field, and the stored rules stay.
    let deep: unknown = rules[0].when;
    for (let i = 0; i < 17; i++) deep = { any: [deep] };
    const tooDeep = await t.api('PUT', '/api/rules', { token: admin, body: [{ ...rules[0], when: deep }] });
    expect(tooDeep.status).toBe(400);
    expect(JSON.stringify(tooDeep.body)).toMatch(/when.*more than 16 levels deep/);
    expect((await t.api('GET', '/api/rules', { token: agent })).body).toEqual(rules);
    expect((await t.api('POST', '/api/attributes', { token: admin, body: { name: 'plan' } })).status).toBe(201);
    expect((await t.api('POST', '/api/attributes', { token: admin, body: { name: 'email' } })).status).toBe(409);
    expect((await t.api('GET', '/api/attributes', { token: marketer })).body.custom).toEqual([
      { name: 'plan', label: 'plan' },
    ]);
    const agents = await t.api('GET', '/api/agents', { token: marketer });
    expect(agents.body.map((a: any) => a.email)).toEqual(['agent@demo.test', 'agent2@demo.test', 'cid@demo.test']);
    expect((await t.api('DELETE', `/api/users/${u.body.id}`, { token: admin })).status).toBe(204);
  });

  it('stores a small avatar, serves it publicly, and refuses large or fake images', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    const r = await t.api('PUT', '/api/me/avatar', {
      token: agent,
      raw: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(r.status).toBe(200);
    const img = await fetch(t.base + r.body.avatarUrl);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(png)).toBe(true);
    expect(
      (
        await t.api('PUT', '/api/me/avatar', {
          token: agent,
          raw: Buffer.alloc(300 * 1024),
          headers: { 'content-type': 'image/png' },
        })
      ).status,
    ).toBe(413);
    expect(
      (await t.api('PUT', '/api/me/avatar', { token: agent, raw: 'hello', headers: { 'content-type': 'image/png' } }))
        .status,
    ).toBe(400);
  });

  it('manages dialogues with targeting and refuses query strings in patterns', async () => {
    const streams = await t.api('GET', '/api/streams', { token: marketer });
    const published = streams.body.find((s: any) => s.latestVersion !== null);
    const bad = await t.api('POST', '/api/dialogues', {
      token: marketer,
      body: { name: 'Q', streamId: published.id, include: ['/pricing?x=1'] },
    });
    expect(bad.status).toBe(400);
    const d = await t.api('POST', '/api/dialogues', {
      token: marketer,
      body: {
        name: 'Pricing',
        streamId: published.id,
        include: ['/pricing/*'],
        priority: 2,
        triggers: { secondsOnPage: 5 },
      },
    });
    expect(d.status).toBe(201);
    const resolved = await t.api('POST', '/api/widget/resolve', {
      raw: JSON.stringify({ workspace: 'demo', url: 'https://shop.example/pricing/pro?utm=1' }),
    });
    expect(resolved.headers.get('access-control-allow-origin')).toBe('*');
    expect(resolved.body.dialogue).toMatchObject({ id: d.body.id, triggers: { secondsOnPage: 5 } });
    expect(
      (await t.api('PATCH', `/api/dialogues/${d.body.id}`, { token: marketer, body: { active: false } })).body.active,
    ).toBe(false);
    expect(
      (
        await t.api('POST', '/api/widget/resolve', {
          raw: JSON.stringify({ workspace: 'demo', url: 'https://shop.example/pricing/pro' }),
        })
      ).body.dialogue,
    ).toBeNull();
    expect((await t.api('DELETE', `/api/dialogues/${d.body.id}`, { token: marketer })).status).toBe(204);
  });

  it('answers the what-if replay with the differences', async () => {
    const r = await t.api('POST', '/api/routing/what-if', {
      token: admin,
      body: { settings: { acceptTimeoutSec: 10 } },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      requests: expect.any(Number),
      changed: expect.any(Number),
      differences: expect.any(Array),
    });
  });
});
