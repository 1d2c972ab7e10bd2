import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import { TestPostgres } from '../../../testing/postgres.ts';
import { TestRedis } from '../../../testing/redis.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';

/**
 * Catching up after a gap on the bus sends each socket only the entries it lacks. "Another node" is a second store
 * on the same database that stores entries behind this node's back (as a node does whose publishes Redis lost);
 * the gap is announced as a node announces it once Redis answers again (the `gap` channel).
 */
let pg: TestPostgres;
let redis: TestRedis;
let t: TestServer;
let other: Store;
let raw: Redis;
const dir = mkdtempSync(join(tmpdir(), 'tributary-other-node-'));
const clients: Client[] = [];
const AGENT = { id: 'u_agent', name: 'Agent', avatarUrl: null };

beforeAll(async () => {
  [pg, redis] = await Promise.all([TestPostgres.start({ fsync: false }), TestRedis.start()]);
  const databaseUrl = await pg.createDatabase();
  t = await bootServer({ databaseUrl, redisUrl: redis.url });
  other = await openStore({ dataDir: dir, databaseUrl }, () => undefined);
  raw = new Redis(redis.url);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  raw?.disconnect();
  await t?.close();
  await other?.close();
  await redis?.stop();
  await pg?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function open(url: string): Promise<Client> {
  const c = await Client.open(url);
  clients.push(c);
  return c;
}

/** Stores `drafts` as the next entries of the conversation through the other store; resolves with their seqs. */
async function storeElsewhere(id: string, drafts: object[]): Promise<number[]> {
  const before = await other.conversations.items(id);
  let seq = before[before.length - 1].seq;
  const list = drafts.map((d) => ({ ...d, seq: ++seq, at: Date.now() })) as unknown as TranscriptItem[];
  await other.conversations.addItems(id, list, undefined, (shift, taken) => {
    expect(taken.size).toBe(0);
    for (const i of list) i.seq += shift;
    return { items: list, json: list.map((i) => JSON.stringify(i)) };
  });
  return list.map((i) => i.seq);
}

describe('catching up after a gap on the bus', () => {
  it('sends each socket only the entries it lacks, not the whole chat again', async () => {
    const agent = await open(`${t.ws}/ws/agent?token=${await t.login('agent@demo.test')}`);
    const hello = await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');
    const me = { ...AGENT, id: hello.me.id };

    const v = await open(`${t.ws}/ws/visitor`);
    v.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    await v.next('welcome');
    v.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const id = (await v.next('started')).conversationId;
    await v.next('ask');
    v.send({ type: 'reply', id: 's-1', cardId: 'ask', answerId: 'yes' });
    await v.next((m) => m.type === 'ask' && m.attribute === 'firstName');
    v.send({ type: 'reply', id: 's-2', cardId: 'name', text: 'Ada' });
    await v.next((m) => m.type === 'ask' && m.attribute === 'email');
    v.send({ type: 'reply', id: 's-3', cardId: 'email', text: 'ada@example.com' });
    await v.next('waiting');
    await agent.next('offer');
    agent.send({ type: 'accept', conversationId: id });
    await agent.next('chatOpened');
    await v.next('agentJoined');

    // A long chat, both ways.
    for (let i = 0; i < 10; i++) {
      v.send({ type: 'message', id: `v-${i}`, text: `from the visitor ${i}` });
      await agent.next((m) => m.type === 'item' && m.item.clientId === `v-${i}`);
      agent.send({ type: 'message', id: `a-${i}`, conversationId: id, text: `from the agent ${i}` });
      await v.next((m) => m.type === 'agent' && m.clientId === `a-${i}`);
    }

    // Redis loses what another node publishes: the agent's message stored there reaches nobody here; the
    // visitor's next message, stored here after it, reaches both sockets first (one seq skipped).
    const [lost] = await storeElsewhere(id, [{ type: 'agent', text: 'lost on the bus', clientId: 'x-1', agent: me }]);
    v.send({ type: 'message', id: 'v-after', text: 'after the lost one' });
    expect((await v.next((m) => m.type === 'ack' && m.id === 'v-after')).seq).toBe(lost + 1);
    await agent.next((m) => m.type === 'item' && m.item.seq === lost + 1);
    // Then an internal note and another message, also stored elsewhere.
    const [note, last] = await storeElsewhere(id, [
      { type: 'note', text: 'for agents only', clientId: 'x-2', agent: me },
      { type: 'agent', text: 'also lost', clientId: 'x-3', agent: me },
    ]);
    const [vAt, aAt] = [v.received.length, agent.received.length];

    // The other node says it dropped messages once Redis is back.
    await raw.publish('tributary:gap', JSON.stringify({ f: 'another-node', b: null }));
    await v.next((m) => m.type === 'agent' && m.seq === last);
    await agent.next((m) => m.type === 'item' && m.item.seq === last);

    // Entries come in seq order: anything sent again would have come before the last one.
    const seqs = (ms: any[]) => ms.filter((m) => typeof m.seq === 'number').map((m) => m.seq);
    expect(seqs(v.received.slice(vAt))).toEqual([lost, last]);
    expect(seqs(agent.received.slice(aAt).map((m) => m.item ?? m))).toEqual([lost, note, last]);

    // Over the whole chat, each socket got each entry once (the agent's own messages also come back as acks).
    const items = (ms: any[]) => seqs(ms.filter((m) => m.type !== 'ack'));
    const once = (list: number[]) => expect(list).toEqual([...new Set(list)]);
    once(items(v.received));
    once(items(agent.received.filter((m) => m.type === 'item').map((m) => m.item)));
  }, 120_000);
});
