import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeProcess } from '../../../testing/nodeProcess.ts';
import type { Store } from '../store/store.ts';
import { until } from './nodesTestkit.ts';
import { askFor, OtherNodeProcesses } from './otherNodeTestkit.ts';

/**
 * The step's key fence (`stepFor`, Conversations.addKey) failing for one conversation's step fails that step
 * alone, on PostgreSQL: a node process (Redis and PostgreSQL, as among several nodes) steps two conversations in
 * one turn, and one step's key was stored already by "another node" (a store of the test's own on the database).
 * The node is frozen (SIGSTOP) while both replies are sent, so that it reads them, stores them and steps them
 * together.
 */
let w: OtherNodeProcesses;
let store: Store;
let node: NodeProcess;

beforeAll(async () => {
  w = await OtherNodeProcesses.start(['f1']);
  store = w.store;
  [node] = w.nodes;
}, 240_000);

afterAll(async () => {
  await w?.close();
});

const firstName = askFor('firstName');

describe("a step whose key is taken, in one turn with another conversation's step", () => {
  it('is dropped alone: the other step is stored and answered, nothing is stored twice', async () => {
    const a = await w.visitorAtFirstQuestion(node, 'fa');
    const b = await w.visitorAtFirstQuestion(node, 'fb');
    // Another node ran a's step for the reply already (its key is stored).
    await store.conversations.addKey(a.id, 'step', 'r-a', a.ask + 1);

    node.pause();
    a.v.send({ type: 'reply', id: 'r-a', cardId: 'ask', answerId: 'yes' });
    b.v.send({ type: 'reply', id: 'r-b', cardId: 'ask', answerId: 'yes' });
    await new Promise((r) => setTimeout(r, 300));
    node.resume();

    expect((await a.v.next((m) => m.type === 'ack' && m.id === 'r-a', 30_000)).seq).toBe(a.ask + 1);
    expect((await b.v.next((m) => m.type === 'ack' && m.id === 'r-b', 30_000)).seq).toBe(b.ask + 1);
    expect((await b.v.next(firstName, 30_000)).seq).toBe(b.ask + 2);
    await until("b's step stored", async () => (await store.conversations.items(b.id)).some(firstName));
    const items = await store.conversations.items(b.id);
    expect(items.filter(firstName)).toHaveLength(1);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
    // a's step was not stored by this node (the key's owner stores it), nor sent to its visitor.
    const aItems = await store.conversations.items(a.id);
    expect(aItems.map((i) => i.type)).toEqual(['bot', 'ask', 'visitor']);
    expect(a.v.received.filter(firstName)).toEqual([]);
    // The node goes on serving both.
    b.v.send({ type: 'reply', id: 'r-b2', cardId: 'name', text: 'Ada' });
    await b.v.next(askFor('email'), 30_000);
  }, 120_000);
});
