import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkDemo } from '../results/test/visitor.ts';
import { bootServer, type TestServer } from '../testkit.ts';

let t: TestServer;
let marketer: string;
let streamId: string;
beforeAll(async () => {
  t = await bootServer();
  marketer = await t.login('marketer@demo.test');
  streamId = (await t.api('GET', '/api/streams', { token: marketer })).body[0].id;
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/streams/{id}/results', () => {
  it('counts what visitors of the demo did, per card, edge, goal and outcome, for the latest version', async () => {
    (await walkDemo(t.ws, ['no'], 'ended')).close();
    // Nobody is online: the hand-off falls back, a missed live chat.
    (await walkDemo(t.ws, ['yes', 'Ada', 'ada@example.com'], 'ended')).close();
    const r = await t.api('GET', `/api/streams/${streamId}/results`, { token: marketer });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      streamId,
      version: 1,
      from: null,
      to: null,
      outcomes: { started: 2, engaged: 2, completed: 1, handoff: 1, missed: 1, dropped: 0 },
      goals: { 'sales-lead': 1 },
      liveChat: { requested: 1, connected: 0, missed: 1, medianAcceptSec: null },
    });
    expect(r.body.cards.hello).toEqual({ reached: 2, answered: 0, left: 0 });
    expect(r.body.cards.ask).toEqual({ reached: 2, answered: 2, left: 0 });
    expect(r.body.cards.email).toEqual({ reached: 1, answered: 1, left: 0 });
    expect(r.body.edges).toEqual(
      expect.arrayContaining([
        { from: 'hello', port: 'next', to: 'ask', count: 2 },
        { from: 'ask', port: 'yes', to: 'name', count: 1 },
        { from: 'ask', port: 'no', to: expect.any(String), count: 1 },
      ]),
    );
    // A visitor who stops at the question is its drop-off.
    (await walkDemo(t.ws, [], 'ask')).close();
    const after = await t.api('GET', `/api/streams/${streamId}/results?version=1`, { token: marketer });
    expect(after.body.cards.ask).toEqual({ reached: 3, answered: 2, left: 1 });
  });

  it('selects whole UTC days: today counts, yesterday does not', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const on = await t.api('GET', `/api/streams/${streamId}/results?from=${today}&to=${today}`, { token: marketer });
    expect(on.body).toMatchObject({ from: today, to: today });
    expect(on.body.outcomes.started).toBeGreaterThan(0);
    const before = await t.api('GET', `/api/streams/${streamId}/results?to=${yesterday}`, { token: marketer });
    expect(before.body.outcomes.started).toBe(0);
    const ms = await t.api('GET', `/api/streams/${streamId}/results?from=${Date.now()}`, { token: marketer });
    expect(ms.body.from).toBe(today);
  });

  it('answers 304 without a body while nothing moved (ETag), and 200 once a visitor moved', async () => {
    const path = `/api/streams/${streamId}/results`;
    const first = await t.api('GET', path, { token: marketer });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toContain('no-cache');
    const same = await t.api('GET', path, { token: marketer, headers: { 'if-none-match': etag } });
    expect([same.status, same.body ?? '']).toEqual([304, '']);
    (await walkDemo(t.ws, ['no'], 'ended')).close();
    const moved = await t.api('GET', path, { token: marketer, headers: { 'if-none-match': etag } });
    expect(moved.status).toBe(200);
    expect(moved.body.outcomes.started).toBe(first.body.outcomes.started + 1);
    expect(moved.headers.get('etag')).not.toBe(etag);
  });

  it('refuses a bad range (400), an unknown stream or version (404), and agents (403)', async () => {
    for (const q of ['from=2026-13-01', 'to=yesterday', 'from=2026-02-30', 'from=2026-12-02&to=2026-12-01']) {
      const r = await t.api('GET', `/api/streams/${streamId}/results?${q}`, { token: marketer });
      expect([q, r.status, r.body.error.code]).toEqual([q, 400, 'bad-range']);
    }
    expect((await t.api('GET', `/api/streams/${streamId}/results?version=0`, { token: marketer })).status).toBe(400);
    expect((await t.api('GET', `/api/streams/${streamId}/results?version=9`, { token: marketer })).status).toBe(404);
    expect((await t.api('GET', '/api/streams/s_nope/results', { token: marketer })).status).toBe(404);
    const agent = await t.login('agent@demo.test');
    expect((await t.api('GET', `/api/streams/${streamId}/results`, { token: agent })).status).toBe(403);
    expect((await t.api('GET', `/api/streams/${streamId}/results`)).status).toBe(401);
  });
});
