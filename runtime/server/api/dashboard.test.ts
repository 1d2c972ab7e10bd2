import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkDemo } from '../results/test/visitor.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';

let t: TestServer;
let admin: string;
beforeAll(async () => {
  t = await bootServer();
  admin = await t.login('admin@demo.test');
});
afterAll(async () => {
  await t?.close();
});

const today = () => new Date().toISOString().slice(0, 10);

describe('GET /api/results/dashboard', () => {
  it('gives per-day series per stream and per agent: engagements, goals, requests, accepts, misses, median accept', async () => {
    (await walkDemo(t.ws, ['no'], 'ended')).close();
    // Nobody online: a missed chat, not an agent's.
    (await walkDemo(t.ws, ['yes', 'Ada', 'ada@example.com'], 'fallback')).close();
    // An agent online accepts the next one.
    const agent = await Client.open(`${t.ws}/ws/agent?token=${await t.login('agent@demo.test')}`);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');
    const bo = await walkDemo(t.ws, ['yes', 'Bo', 'bo@example.com'], 'waiting');
    const offer = await agent.next('offer');
    agent.send({ type: 'accept', conversationId: offer.offer.conversationId });
    await bo.next('agentJoined');
    agent.send({ type: 'status', status: 'offline' });
    await agent.next('status');

    const r = await t.api('GET', '/api/results/dashboard', { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.days).toHaveLength(30);
    expect(r.body.to).toBe(today());
    const last = (a: number[]) => a[a.length - 1];
    const demo = r.body.streams.find((s: any) => s.name.startsWith('Demo'));
    expect([
      last(demo.started),
      last(demo.engaged),
      last(demo.completed),
      last(demo.goals),
      last(demo.handoff),
      last(demo.missed),
    ]).toEqual([3, 3, 1, 2, 2, 1]);
    expect(demo.started.slice(0, -1).every((n: number) => n === 0)).toBe(true);
    expect([last(r.body.liveChat.requested), last(r.body.liveChat.connected), last(r.body.liveChat.missed)]).toEqual([
      2, 1, 1,
    ]);
    expect(r.body.liveChat.medianAcceptSec).toBeGreaterThan(0);
    const alex = r.body.agents.find((a: any) => a.name === 'Alex Agent');
    expect(alex.totals).toMatchObject({ offered: 1, connected: 1, missed: 0 });
    expect(alex.totals.medianAcceptSec).toBeGreaterThan(0);
    expect(last(alex.connected)).toBe(1);
    bo.close();
    agent.close();
  });

  it('takes a range of days, refuses a bad or too long one (400), and is for admins only', async () => {
    const r = await t.api('GET', `/api/results/dashboard?from=2026-01-01&to=2026-01-03`, { token: admin });
    expect(r.body.days).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(r.body.streams).toEqual([]);
    for (const q of ['from=2026-13-01', 'from=2026-01-02&to=2026-01-01', 'from=2024-01-01&to=2026-01-01']) {
      const bad = await t.api('GET', `/api/results/dashboard?${q}`, { token: admin });
      expect([q, bad.status, bad.body.error.code]).toEqual([q, 400, 'bad-range']);
    }
    const marketer = await t.login('marketer@demo.test');
    expect((await t.api('GET', '/api/results/dashboard', { token: marketer })).status).toBe(403);
    expect((await t.api('GET', '/api/results/dashboard')).status).toBe(401);
  });
});
