import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../../../testing/redis.ts';
import type { Conv } from '../live/conv.ts';
import { SECURITY_DEFAULTS } from './config.ts';
import { MemoryCounters, type Counters } from './counters.ts';
import { liveChatLimits } from './liveChatLimits.ts';
import { RedisCounters } from './redisCounters.ts';

/** Counters shared by nodes through a real redis-server: each RedisCounters stands for one node. */
describe('counters shared through Redis', () => {
  let redis: TestRedis;
  const nodes: RedisCounters[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    for (const n of nodes) n.close();
    await redis.stop();
  });

  const node = async () => {
    const n = await RedisCounters.connect(redis.url);
    nodes.push(n);
    return n;
  };
  const settled = (...ns: RedisCounters[]) => Promise.all(ns.map((n) => n.settled()));

  it('counts one window across nodes: events, take-backs (never below 0), peeks and clearing', async () => {
    const [a, b] = [await node(), await node()];
    const now = Date.now();
    for (let i = 0; i < 3; i++) a.add('k1', 60_000, now);
    b.add('k1', 60_000, now + 1);
    b.add('k1', 60_000, now + 2);
    await settled(a, b);
    // A node judges an event by its copy (its own 3, + 1), and Redis's answer brings the others' in.
    expect(a.add('k1', 60_000, now + 3).count).toBe(4);
    await settled(a);
    expect(a.peek('k1', now + 3).count).toBe(6);
    // A node that only reads asks Redis again, at most once a second (well past that here, however slow the machine).
    b.peek('k1', now + 30_000);
    await settled(b);
    expect(b.peek('k1', now + 30_001)).toMatchObject({ count: 6, start: now, last: now + 3 });
    b.add('k1', 60_000, now + 6, -10);
    await settled(b);
    expect(b.peek('k1', now + 7).count).toBe(0);
    a.add('k1', 60_000, now + 8);
    await settled(a);
    expect(a.peek('k1', now + 9).count).toBe(1);
    b.clear('k1');
    await settled(b);
    a.peek('k1', now + 40_000);
    await settled(a);
    expect(a.peek('k1', now + 40_001).count).toBe(0);
  });

  it('opens a new window once the old one closes', async () => {
    const [a, b] = [await node(), await node()];
    const now = Date.now();
    a.add('k2', 300, now);
    b.add('k2', 300, now);
    await settled(a, b);
    await new Promise((r) => setTimeout(r, 400));
    expect(a.add('k2', 300, Date.now()).count).toBe(1);
    await settled(a);
    expect(a.peek('k2', Date.now()).count).toBe(1);
  });

  it("holds live-chat requests per address to the limit over all nodes (within one event per other node), where each node's own memory would allow the limit on each", async () => {
    const config = { ...SECURITY_DEFAULTS, liveChatRequestsPerAddress: 3 };
    let n = 0;
    const conv = () => ({ rec: { id: `c${++n}`, visitorId: `v${n}` } }) as unknown as Conv;
    const allowed = async (counters: Counters[]) => {
      const limits = counters.map((c) => liveChatLimits({ config, counters: c, refused: () => {} }));
      let ok = 0;
      // The same address asks four times on each node in turn.
      for (let round = 0; round < 4; round++) {
        for (let i = 0; i < limits.length; i++) {
          if (limits[i].request(conv(), '203.0.113.9', Date.now())) ok++;
          const c = counters[i];
          if (c instanceof RedisCounters) await c.settled();
        }
      }
      return ok;
    };
    expect(await allowed([new MemoryCounters(), new MemoryCounters()])).toBe(6);
    const shared = await allowed([await node(), await node()]);
    expect(shared).toBeGreaterThanOrEqual(3);
    expect(shared).toBeLessThanOrEqual(3 + 1);
  });

  it('answers addShared with the count over every node, exactly, where each node alone would allow its own', async () => {
    const allowed = async (counters: Counters[]) => {
      let ok = 0;
      // One visitor asks three times on each node in turn, for a limit of three.
      for (let round = 0; round < 3; round++)
        for (const c of counters) if ((await c.addShared('mail:v1', 60_000, Date.now())).count <= 3) ok++;
      return ok;
    };
    expect(await allowed([new MemoryCounters(), new MemoryCounters()])).toBe(6);
    expect(await allowed([await node(), await node()])).toBe(3);
  });

  it('goes on counting on each node while Redis is away, and shares again once it is back', async () => {
    const [a, b] = [await node(), await node()];
    const now = Date.now();
    a.add('k3', 60_000, now);
    await settled(a);
    await redis.kill();
    expect(a.add('k3', 60_000, now + 1).count).toBe(2);
    expect(b.add('k3', 60_000, now + 1).count).toBe(1);
    await redis.restart();
    await new Promise((r) => setTimeout(r, 1_500)); // the connections come back on their own
    await settled(a, b);
    a.add('k3', 60_000, now + 2);
    b.add('k3', 60_000, now + 3);
    await settled(a, b);
    expect(b.add('k3', 60_000, now + 4).count).toBe(3);
  });
});
