import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../../../testing/redis.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { MemoryEpochs } from './epochs.ts';
import { RedisBus } from './redisBus.ts';
import { RoutingLease } from './routingLease.ts';

const TTL = 400;

describe('the routing lease', () => {
  let redis: TestRedis;
  // The epochs' durable source is shared by the nodes (in production: the database).
  const epochs = new MemoryEpochs();
  const closers: (() => Promise<void>)[] = [];

  const contender = async (node: string, name = 'routing:ws') => {
    const bus = await RedisBus.connect({ url: redis.url, node });
    const events: string[] = [];
    const lease = new RoutingLease({
      name,
      node,
      epochs,
      redis: bus,
      ttlMs: TTL,
      onAcquired: (o) => void events.push(`acquired ${o.epoch}`),
      onLost: (o) => void events.push(`lost ${o.epoch}`),
    });
    await lease.start();
    closers.push(async () => {
      await lease.stop();
      await bus.close();
    });
    return { node, bus, lease, events };
  };

  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    for (const c of closers) await c();
    await redis.stop();
  });

  it('is held by exactly one of three nodes, and handed over at once on a graceful stop', async () => {
    const nodes = [await contender('l-a'), await contender('l-b'), await contender('l-c')];
    const holders = () => nodes.filter((n) => n.lease.ownership);
    await waitFor('a holder', () => holders().length === 1);
    // Through several renewal periods nobody else takes it.
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, TTL / 4));
      expect(holders()).toHaveLength(1);
    }
    const first = holders()[0];
    const epoch = first.lease.ownership!.epoch;
    expect(await nodes[0].lease.holder()).toBe(first.node);
    await first.lease.stop();
    expect(first.events).toEqual([`acquired ${epoch}`, `lost ${epoch}`]);
    const second = await waitFor('a new holder', () => holders().find((n) => n !== first));
    expect(second.lease.ownership!.epoch).toBeGreaterThan(epoch);
    expect(holders()).toHaveLength(1);
  });

  it('moves to another node when the holder dies, and the dead holder fences itself by its own clock', async () => {
    const a = await contender('l-d', 'routing:ws2');
    const b = await contender('l-e', 'routing:ws2');
    const holder = await waitFor('a holder', () => [a, b].find((n) => n.lease.ownership));
    const other = holder === a ? b : a;
    const epoch = holder.lease.ownership!.epoch;
    // The holder is cut off from Redis (a crash, a partition, a long pause): it can no longer renew.
    await holder.bus.close();
    await waitFor('the other takes over', () => other.lease.ownership);
    expect(other.lease.ownership!.epoch).toBeGreaterThan(epoch);
    // The cut-off node has stopped acting on its own: its last confirmed renewal is more than a TTL old.
    await waitFor('the old holder lets go', () => holder.lease.ownership === undefined);
    expect(holder.events).toEqual([`acquired ${epoch}`, `lost ${epoch}`]);
  });

  it('is taken again with a new epoch after Redis restarts empty', async () => {
    const a = await contender('l-f', 'routing:ws3');
    const b = await contender('l-g', 'routing:ws3');
    const first = await waitFor('a holder', () => [a, b].find((n) => n.lease.ownership));
    const epoch = first.lease.ownership!.epoch;
    await redis.restart();
    const next = await waitFor('a holder after the restart', () => {
      const h = [a, b].filter((n) => n.lease.ownership && n.lease.ownership.epoch > epoch);
      return h.length === 1 && h[0];
    });
    // The old holder may still believe it holds its old epoch until its next renewal finds the key gone (the
    // database refuses that epoch meanwhile: the fencing token); then it lets go and one holder remains.
    await waitFor('one holder', () => [a, b].filter((n) => n.lease.ownership).length === 1);
    expect([a, b].filter((n) => n.lease.ownership)).toEqual([next]);
    expect(await epochs.current('routing:ws3')).toBe(next.lease.ownership!.epoch);
  });

  it('is held from the start by a process alone (no Redis)', async () => {
    const lease = new RoutingLease({ name: 'routing:solo', node: 'solo', epochs });
    await lease.start();
    expect(lease.ownership).toEqual({ epoch: 1 });
    await lease.stop();
    expect(lease.ownership).toBeUndefined();
  });
});
