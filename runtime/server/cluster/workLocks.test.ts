import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../../../testing/redis.ts';
import type { PeerHandlers } from '../collab/peers.ts';
import { CollabRelay } from './collabRelay.ts';
import { RedisBus } from './redisBus.ts';
import { redisLocks } from './workLocks.ts';

/** Work on a co-editing draft (compaction, layout migration) done by one node at a time, through Redis. */
describe('work locks across nodes', () => {
  let redis: TestRedis;
  const buses: RedisBus[] = [];
  const ignore: PeerHandlers = { update() {}, awareness() {}, resume() {} };
  const relay = async (node: string) => {
    const bus = await RedisBus.connect({ url: redis.url, node });
    buses.push(bus);
    return new CollabRelay(
      bus,
      ignore,
      redisLocks(bus, () => {}),
    );
  };

  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await redis.stop();
  });

  it('lets one node work on a draft at a time: the other skips a compaction and waits to migrate', async () => {
    const [a, b] = await Promise.all([relay('a'), relay('b')]);
    const order: string[] = [];
    let finishA!: () => void;
    const aWorks = a.alone('s1', false, async () => {
      order.push('a starts');
      await new Promise<void>((r) => (finishA = r));
      order.push('a ends');
      return 'a';
    });
    while (!finishA) await new Promise((r) => setTimeout(r, 5));

    // A compaction elsewhere is skipped while node a works on the draft; another draft is free.
    expect(await b.alone('s1', false, async () => order.push('b compacts'))).toBeUndefined();
    expect(await b.alone('s2', false, async () => 'other draft')).toBe('other draft');
    // A migration waits for node a, then runs.
    const bWaits = b.alone('s1', true, async () => {
      order.push('b migrates');
      return 'b';
    });
    await new Promise((r) => setTimeout(r, 120));
    expect(order).toEqual(['a starts']);
    finishA();
    expect(await Promise.all([aWorks, bWaits])).toEqual(['a', 'b']);
    expect(order).toEqual(['a starts', 'a ends', 'b migrates']);
    // Released after the work, also when it throws.
    await expect(
      a.alone('s1', false, async () => {
        throw new Error('merge failed');
      }),
    ).rejects.toThrow('merge failed');
    expect(await b.alone('s1', false, async () => 'free again')).toBe('free again');
    a.stop();
    b.stop();
  });
});
