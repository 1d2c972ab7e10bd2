import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeProcess } from '../../../testing/nodeProcess.ts';
import type { Store } from '../store/store.ts';
import type { Client } from '../testkit.ts';
import { until } from './nodesTestkit.ts';
import { askFor, OtherNodeProcesses, storeBehind } from './otherNodeTestkit.ts';

/**
 * A node killed between storing a visitor's reply to the bot and storing the bot's step, while the visitor stays
 * connected to another node (a second tab there) and does nothing: once the dead node's presence expires, a
 * surviving node runs the step. In the first case "the dead node's" reply is stored through a store of the test's
 * own on the same database (as stepRecovery.test.ts does), then a real node process is killed with SIGKILL; in the
 * second a node process stores the reply itself and is killed after the reply's commit, its step's commit refused
 * (a trigger on `item_keys`).
 */
let w: OtherNodeProcesses;
let store: Store;
let survivor: NodeProcess;
let doomed: NodeProcess;
let storing: NodeProcess;

beforeAll(async () => {
  w = await OtherNodeProcesses.start(['s1', 's2', 's3'], { TRIBUTARY_NODE_TTL_MS: '1500' });
  store = w.store;
  [survivor, doomed, storing] = w.nodes;
}, 240_000);

afterAll(async () => {
  await w?.close();
});

const firstName = askFor('firstName');
const email = askFor('email');

/**
 * The visitor's socket `v` got the bot's answer to the stranded reply (seq `reply`) once, right after it, nothing
 * is left without its step and the seqs have no gaps; then the conversation goes on from the step (the visitor's
 * next reply, client id `nextId`, gets the next question) and nothing of it comes twice.
 */
async function answeredOnce(v: Client, id: string, reply: number, nextId: string): Promise<void> {
  expect((await v.next(firstName, 30_000)).seq).toBe(reply + 1);
  const items = await store.conversations.items(id);
  expect(items.filter(firstName)).toHaveLength(1);
  expect(await store.conversations.repliesWithoutStep(100)).toEqual([]);
  expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
  v.send({ type: 'reply', id: nextId, cardId: 'name', text: 'Ada' });
  await v.next(email, 30_000);
  expect(v.received.filter(firstName)).toHaveLength(1);
  await until('the answer stored', async () => (await store.conversations.items(id)).some(email));
  const after = await store.conversations.items(id);
  expect(after.map((i) => i.seq)).toEqual(after.map((_, i) => i + 1));
}

describe('a reply whose node was killed before the bot stepped', () => {
  it("gets the bot's answer on a surviving node's socket without a resume or resend: once, seqs without gaps", async () => {
    const { v, id } = await w.visitorAtFirstQuestion(survivor, 'st');
    const other = await w.visitorAtFirstQuestion(survivor, 'st2');

    // The visitors' other tabs, on the doomed node, sent their replies: stored, then the node dies before the steps.
    const [reply] = await storeBehind(store, id, [{ type: 'visitor', text: 'Yes', clientId: 'r-dead', cardId: 'ask' }]);
    const [otherReply] = await storeBehind(store, other.id, [
      { type: 'visitor', text: 'Yes', clientId: 'r-dead-2', cardId: 'ask' },
    ]);
    const both = [id, other.id].sort();
    expect(await store.conversations.repliesWithoutStep(100)).toEqual(both);
    // Read in pages, in id order.
    expect(await store.conversations.repliesWithoutStep(1)).toEqual([both[0]]);
    expect(await store.conversations.repliesWithoutStep(1, both[0])).toEqual([both[1]]);
    expect(await store.conversations.repliesWithoutStep(1, both[1])).toEqual([]);
    await doomed.kill();

    expect((await other.v.next(firstName, 30_000)).seq).toBe(otherReply + 1);
    await answeredOnce(v, id, reply, 'st-name');
  }, 120_000);
});

describe("a reply stored by a node process killed before its step's commit", () => {
  it("gets the bot's answer on the visitor's tab on a surviving node without a resume or resend: once, seqs without gaps", async () => {
    const { v, id, visitorToken, ask } = await w.visitorAtFirstQuestion(survivor, 'sk');
    // The visitor's other tab, on the node that stores the reply.
    const tab = await w.tab(storing, { id, visitorToken }, ask);
    // Every step's commit is refused from now on (its key is stored with it): the reply's commit goes through.
    const db = new pg.Client({ connectionString: storing.opts.databaseUrl });
    await db.connect();
    let reply = 0;
    try {
      await db.query(`
        create function refuse_step() returns trigger language plpgsql as $$
        begin raise exception 'no step now'; end $$;
        create trigger refuse_step before insert on item_keys
          for each row when (new.sender = 'step') execute function refuse_step();`);
      const refused = storing.outputMatching(/a step was not stored/);
      tab.send({ type: 'reply', id: 'sk-1', cardId: 'ask', answerId: 'yes' });
      // Stored and acknowledged by the node the tab is on, which alone runs its step: that step's commit failed.
      reply = (await tab.next('ack')).seq as number;
      await refused;
      await storing.kill();
      // The survivor's tab shows the reply; the step is missing while the trigger is there, whatever a node does.
      await v.next((m) => m.type === 'visitor' && m.seq === reply);
      expect(await store.conversations.repliesWithoutStep(100)).toEqual([id]);
      await db.query('drop trigger refuse_step on item_keys');
    } finally {
      await db.end();
    }

    await answeredOnce(v, id, reply, 'sk-name');
  }, 120_000);
});
