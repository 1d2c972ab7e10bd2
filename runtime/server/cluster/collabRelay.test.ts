import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TestRedis } from '../../../testing/redis.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { CollabRelay } from './collabRelay.ts';
import { RedisBus } from './redisBus.ts';

describe('co-editing across nodes', () => {
  let redis: TestRedis;
  const buses: RedisBus[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    for (const b of buses) await b.close();
    await redis.stop();
  });

  /** A node with one Y.Doc per open stream standing for its editors, and a store shared by all nodes. */
  const store: { stream: string; id: number; update: Uint8Array }[] = [];
  const node = async (name: string) => {
    const bus = await RedisBus.connect({ url: redis.url, node: name });
    buses.push(bus);
    const docs = new Map<string, Y.Doc>();
    const seen = new Map<string, number>();
    const awareness: [string, string][] = [];
    const apply = (streamId: string, update: Uint8Array, id: number) => {
      Y.applyUpdate(docs.get(streamId)!, update, 'remote');
      seen.set(streamId, Math.max(seen.get(streamId) ?? 0, id));
    };
    const relay = new CollabRelay(bus, {
      update: apply,
      awareness: (_s, update, from) => awareness.push([from, new TextDecoder().decode(update)]),
      resume: (streamId) => {
        for (const row of store)
          if (row.stream === streamId && row.id > (seen.get(streamId) ?? 0)) apply(streamId, row.update, row.id);
      },
    });
    const open = async (streamId: string) => {
      const doc = new Y.Doc();
      docs.set(streamId, doc);
      // A local edit is stored, then relayed (and this node's own editors got it directly).
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'remote') return;
        const id = store.length + 1;
        store.push({ stream: streamId, id, update });
        seen.set(streamId, id);
        relay.update(streamId, id, update);
      });
      relay.opened(streamId);
      await relay.ready();
      return doc;
    };
    return { bus, relay, open, docs, awareness };
  };

  it('relays stored updates and awareness to the nodes that have the stream open, and they converge', async () => {
    const [a, b, c] = [await node('ca'), await node('cb'), await node('cc')];
    const [da, db] = [await a.open('s1'), await b.open('s1')];
    const other = await c.open('s2');
    da.getText('t').insert(0, 'hello ');
    db.getText('t').insert(0, 'world ');
    await waitFor(
      'converged',
      () => da.getText('t').toString() === db.getText('t').toString() && da.getText('t').length === 12,
    );
    expect(other.getText('t').toString()).toBe(''); // another stream's room hears nothing
    a.relay.awareness('s1', new TextEncoder().encode('cursor of ann'));
    await waitFor('awareness', () => b.awareness.length === 1);
    expect(b.awareness).toEqual([['ca', 'cursor of ann']]);
    expect(c.awareness).toEqual([]);
  });

  it('catches up from the store after Redis restarts, and stops listening when the room closes', async () => {
    const [a, b] = [await node('cd'), await node('ce')];
    const [da, db] = [await a.open('s3'), await b.open('s3')];
    da.getText('t').insert(0, 'one ');
    await waitFor('first', () => db.getText('t').toString() === 'one ');
    await redis.restart();
    // Edited while Redis is down: stored, the relay is lost; the other node catches up once Redis is back.
    da.getText('t').insert(4, 'two');
    await waitFor('caught up', () => db.getText('t').toString() === 'one two');
    b.relay.closed('s3');
    await b.bus.ready();
    const before = db.getText('t').toString();
    da.getText('t').insert(0, '0 ');
    await new Promise((r) => setTimeout(r, 200));
    expect(db.getText('t').toString()).toBe(before);
  });
});
