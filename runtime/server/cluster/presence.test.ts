import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../../../testing/redis.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { Presence } from './presence.ts';
import { LocalBus } from './localBus.ts';
import { RedisBus } from './redisBus.ts';

const TIMING = { heartbeatMs: 100, ttlMs: 400 };

describe('presence across nodes', () => {
  let redis: TestRedis;
  const closers: (() => Promise<void>)[] = [];
  const node = async (id: string) => {
    const bus = await RedisBus.connect({ url: redis.url, node: id });
    const presence = new Presence({ bus, redis: bus, ...TIMING });
    await presence.start();
    closers.push(async () => {
      await presence.stop();
      await bus.close();
    });
    return { bus, presence };
  };

  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    for (const c of closers) await c();
    await redis.stop();
  });

  it("counts an agent's and a visitor's sockets on every node, with the agent's availability", async () => {
    const a = await node('p-a');
    const b = await node('p-b');
    a.presence.connected('agent', 'u1', 'online');
    a.presence.connected('agent', 'u1');
    b.presence.connected('agent', 'u1');
    b.presence.connected('visitor', 'conv1');
    expect(a.presence.sockets('agent', 'u1')).toBe(2); // its own at once
    await waitFor('b sees a', () => b.presence.sockets('agent', 'u1') === 3);
    await waitFor('a sees b', () => a.presence.sockets('agent', 'u1') === 3);
    expect(a.presence.sockets('visitor', 'conv1')).toBe(1);
    expect(a.presence.nodesOf('visitor', 'conv1')).toEqual(['p-b']);
    expect(b.presence.status('u1')).toBe('online');
    a.presence.setStatus('u1', 'away');
    await waitFor('status', () => b.presence.status('u1') === 'away');
    a.presence.disconnected('agent', 'u1');
    a.presence.disconnected('agent', 'u1');
    await waitFor('a gone from u1', () => b.presence.sockets('agent', 'u1') === 1);
    expect(b.presence.nodesOf('agent', 'u1')).toEqual(['p-b']);
    expect(new Set(a.presence.nodes())).toEqual(new Set(['p-a', 'p-b']));
  });

  it('stops counting a node that died (its heartbeat expired), and a node that shut down at once', async () => {
    const a = await node('p-c');
    const b = await node('p-d');
    const c = await node('p-e');
    const gone: string[] = [];
    b.presence.onNodeGone((n) => gone.push(n));
    a.presence.connected('agent', 'u2', 'online');
    c.presence.connected('agent', 'u2', 'online');
    await waitFor('b sees both', () => b.presence.sockets('agent', 'u2') === 2);

    // A dead node: its connection to Redis is gone and it says nothing more.
    await a.bus.close();
    await waitFor('a stops counting', () => b.presence.sockets('agent', 'u2') === 1);
    expect(gone).toContain('p-c');
    expect(b.presence.nodes()).not.toContain('p-c');

    await c.presence.stop();
    await waitFor('c stops counting', () => b.presence.sockets('agent', 'u2') === 0);
  });

  it('writes its whole part again after Redis restarts empty', async () => {
    const a = await node('p-f');
    const b = await node('p-g');
    a.presence.connected('visitor', 'conv9');
    await waitFor('b sees it', () => b.presence.sockets('visitor', 'conv9') === 1);
    await redis.restart();
    // Everything in Redis is gone; within a few heartbeats both nodes are back and see each other's part.
    await waitFor('rebuilt', () => b.presence.sockets('visitor', 'conv9') === 1 && b.presence.nodes().includes('p-f'));
    b.presence.connected('visitor', 'conv10');
    await waitFor('new entries flow', () => a.presence.sockets('visitor', 'conv10') === 1);
  });
});

describe('presence in one process', () => {
  it('counts its own sockets with no Redis at all', async () => {
    const presence = new Presence({ bus: new LocalBus('solo') });
    await presence.start();
    const changes: string[] = [];
    presence.onChange((kind, id) => changes.push(`${kind}:${id}`));
    presence.connected('agent', 'u1', 'online');
    presence.connected('visitor', 'c1');
    presence.disconnected('visitor', 'c1');
    presence.disconnected('visitor', 'c1'); // one close too many changes nothing
    expect(presence.sockets('agent', 'u1')).toBe(1);
    expect(presence.sockets('visitor', 'c1')).toBe(0);
    expect(presence.nodes()).toEqual(['solo']);
    expect(changes).toEqual(['agent:u1', 'visitor:c1', 'visitor:c1']);
    await presence.stop();
  });
});
