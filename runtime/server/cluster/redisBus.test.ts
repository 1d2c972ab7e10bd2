import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../../../testing/redis.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { LocalBroker } from './localBus.ts';
import { RedisBus } from './redisBus.ts';

describe('the Redis event bus', () => {
  let redis: TestRedis;
  const buses: RedisBus[] = [];
  const bus = async (node: string) => {
    const b = await RedisBus.connect({ url: redis.url, node });
    buses.push(b);
    return b;
  };

  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await redis.stop();
  });

  it('delivers to the other nodes in order, never back to the publisher', async () => {
    const [a, b, c] = [await bus('a'), await bus('b'), await bus('c')];
    const got: Record<string, unknown[]> = { a: [], b: [], c: [] };
    for (const [name, x] of [
      ['a', a],
      ['b', b],
      ['c', c],
    ] as const)
      x.subscribe('conv', (body, from) => got[name].push([from, body]));
    await Promise.all([a.ready(), b.ready(), c.ready()]);
    for (let i = 0; i < 50; i++) a.publish('conv', { seq: i });
    await waitFor('delivery', () => got.b.length === 50 && got.c.length === 50);
    expect(got.b).toEqual(Array.from({ length: 50 }, (_, i) => ['a', { seq: i }]));
    expect(got.c).toEqual(got.b);
    expect(got.a).toEqual([]);
  });

  it('stops delivering after unsubscribe, and keeps channels apart', async () => {
    const [a, b] = [await bus('a2'), await bus('b2')];
    const got: unknown[] = [];
    const off = b.subscribe('one', (body) => got.push(body));
    b.subscribe('two', (body) => got.push(['two', body]));
    await b.ready();
    a.publish('one', 1);
    a.publish('two', 2);
    await waitFor('both', () => got.length === 2);
    off();
    await b.ready();
    a.publish('one', 3);
    a.publish('two', 4);
    await waitFor('the second', () => got.length === 3);
    expect(got).toEqual([1, ['two', 2], ['two', 4]]);
  });

  it('resubscribes after a Redis restart and tells its consumers to catch up', async () => {
    const [a, b] = [await bus('a3'), await bus('b3')];
    const got: unknown[] = [];
    let resumedA = 0;
    let resumedB = 0;
    b.subscribe('conv', (body) => got.push(body));
    a.onResume(() => resumedA++);
    b.onResume(() => resumedB++);
    await b.ready();
    a.publish('conv', 'before');
    await waitFor('before', () => got.length === 1);

    await redis.restart();
    // Publishing while Redis is down drops the message (the database is the truth) and never throws.
    a.publish('conv', 'lost');
    await waitFor('both resumed', () => resumedA > 0 && resumedB > 0);
    await b.ready();
    // Delivery works again, and nobody saw the dropped message.
    await waitFor('after', () => {
      a.publish('conv', 'after');
      return got.includes('after');
    });
    expect(got[0]).toBe('before');
    expect(got).not.toContain('lost');
  });
});

describe('the in-process bus', () => {
  it('delivers to the other buses of its broker after the publishing call returns', async () => {
    const broker = new LocalBroker();
    const [a, b] = [broker.bus('a'), broker.bus('b')];
    const got: unknown[] = [];
    b.subscribe('conv', (body, from) => got.push([from, body]));
    a.subscribe('conv', (body) => got.push(['self', body]));
    const msg = { n: 1 };
    a.publish('conv', msg);
    msg.n = 2; // serialised at publish time, as over the wire
    expect(got).toEqual([]);
    await Promise.resolve();
    expect(got).toEqual([['a', { n: 1 }]]);
    let resumed = 0;
    b.onResume(() => resumed++);
    broker.gap();
    expect(resumed).toBe(1);
  });
});
