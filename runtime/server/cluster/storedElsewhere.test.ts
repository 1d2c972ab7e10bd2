import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPostgres } from '../../../testing/postgres.ts';
import { TestRedis } from '../../../testing/redis.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';

/**
 * A message another node stored first (the same message reached two nodes at once: a resend on another node
 * while the first was still storing it) is acknowledged with the stored seq and not sent to this node's sockets
 * again: only the node that stored it sends it. "Another node" is a second store on the same database that
 * stores the message behind this node's back, before any word of it reaches this node over Redis.
 */
let pg: TestPostgres;
let redis: TestRedis;
let t: TestServer;
let other: Store;
const dir = mkdtempSync(join(tmpdir(), 'tributary-other-node-'));
const clients: Client[] = [];

beforeAll(async () => {
  [pg, redis] = await Promise.all([TestPostgres.start({ fsync: false }), TestRedis.start()]);
  const databaseUrl = await pg.createDatabase();
  t = await bootServer({ databaseUrl, redisUrl: redis.url });
  other = await openStore({ dataDir: dir, databaseUrl }, () => undefined);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
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

describe('an entry another node stored first', () => {
  it('is acknowledged with its stored seq and not sent again to the sockets of this node', async () => {
    const agent = await open(`${t.ws}/ws/agent?token=${await t.login('agent@demo.test')}`);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');

    const v = await open(`${t.ws}/ws/visitor`);
    v.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    const { visitorToken } = await v.next('welcome');
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

    // The visitor's second tab, on this node too.
    const tab = await open(`${t.ws}/ws/visitor`);
    tab.send({
      type: 'hello',
      v: 2,
      workspace: 'demo',
      url: 'http://localhost/demo',
      visitorToken,
      conversationId: id,
    });
    await tab.next('welcome');

    // Another node stores the visitor's message "m-dup" (its key with it), as the next entry.
    const before = await other.conversations.items(id);
    const seq = before[before.length - 1].seq + 1;
    const list = [{ type: 'visitor', text: 'sent twice', clientId: 'm-dup', seq, at: Date.now() }] as never[];
    await other.conversations.addItems(id, list, undefined, (shift, taken) => {
      expect(taken.size).toBe(0);
      for (const i of list as { seq: number }[]) i.seq += shift;
      return { items: list, json: (list as object[]).map((i) => JSON.stringify(i)) };
    });
    const stored = (list as { seq: number }[])[0].seq;

    // The same message reaches this node, which has not heard of it: it finds the key taken as it stores.
    v.send({ type: 'message', id: 'm-dup', text: 'sent twice' });
    expect((await v.next((m) => m.type === 'ack' && m.id === 'm-dup')).seq).toBe(stored);
    v.send({ type: 'message', id: 'm-next', text: 'next one' });
    const next = await v.next((m) => m.type === 'ack' && m.id === 'm-next');
    expect(next.seq).toBe(stored + 1);
    await agent.next((m) => m.type === 'item' && m.item.text === 'next one');
    await tab.next((m) => m.type === 'visitor' && m.text === 'next one');

    // Neither the agent nor the other tab got the entry from this node (the node that stored it sends it).
    expect(agent.received.filter((m) => m.type === 'item' && m.item.seq === stored)).toEqual([]);
    expect(tab.received.filter((m) => m.seq === stored)).toEqual([]);
    const items = await other.conversations.items(id);
    expect(items.filter((i) => i.type === 'visitor' && i.text === 'sent twice').map((i) => i.seq)).toEqual([stored]);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
  }, 120_000);

  it("a bot reply another node stored first does not run the bot's step here: that node runs it", async () => {
    const v = await open(`${t.ws}/ws/visitor`);
    v.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    await v.next('welcome');
    v.send({ type: 'start', id: 'b', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const id = (await v.next('started')).conversationId;
    await v.next('ask');

    // Another node got the same reply at the same instant and stored it first.
    const before = await other.conversations.items(id);
    const seq = before[before.length - 1].seq + 1;
    const list = [{ type: 'visitor', text: 'Yes', clientId: 'r-dup', cardId: 'ask', seq, at: Date.now() }] as never[];
    await other.conversations.addItems(id, list, undefined, (shift) => {
      for (const i of list as { seq: number }[]) i.seq += shift;
      return { items: list, json: (list as object[]).map((i) => JSON.stringify(i)) };
    });
    const stored = (list as { seq: number }[])[0].seq;

    v.send({ type: 'reply', id: 'r-dup', cardId: 'ask', answerId: 'yes' });
    expect((await v.next((m) => m.type === 'ack' && m.id === 'r-dup')).seq).toBe(stored);
    // Nothing of the step is stored or sent by this node (it would have been by the time of the ack).
    const items = await other.conversations.items(id);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
    expect(items[items.length - 1]).toMatchObject({ seq: stored, clientId: 'r-dup' });
    expect(v.received.filter((m) => m.type === 'ask' && m.attribute === 'firstName')).toEqual([]);
  }, 120_000);
});
