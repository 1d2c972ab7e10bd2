import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestPostgres } from '../../../testing/postgres.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import type { WebhookEventType } from '../store/webhooks.ts';
import { Outbox } from './outbox.ts';
import { Subscriptions } from './subscriptions.ts';

let pgServer: TestPostgres | undefined;
const dirs: string[] = [];
const stores: Store[] = [];
beforeAll(async () => {
  pgServer = await TestPostgres.start({ fsync: false });
});
afterEach(async () => {
  for (const s of stores.splice(0).reverse()) await s.close();
});
afterAll(async () => {
  await pgServer?.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const subject = { id: 'c_1', streamId: 's_1', version: 1, visitorId: 'v_1' };
const endpoint = (id: string, events: WebhookEventType[], enabled = true) => ({
  id,
  url: `http://127.0.0.1:9/${id}`,
  events,
  secret: 'whsec_dGVzdA==',
  enabled,
  createdAt: 1,
});

describe.each(['sqlite', 'postgres'] as const)('the outbox on %s', (backend) => {
  /** Two stores on one database: this node's, and another node's (or, on SQLite, another process's). */
  async function open(): Promise<{ store: Store; other: () => Promise<Store> }> {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-outbox-'));
    dirs.push(dir);
    const databaseUrl = backend === 'postgres' ? await pgServer!.createDatabase() : undefined;
    const opened = async () => {
      const s = await openStore({ dataDir: dir, databaseUrl }, () => undefined);
      stores.push(s);
      return s;
    };
    return { store: await opened(), other: opened };
  }

  /** The outbox as the hub makes it: its writes queued in the turn's unit of work. */
  function outboxOf(store: Store): Outbox {
    return new Outbox(store, (fn) => store.commit.beforeCommit(fn), Date.now);
  }

  /** Rows of the outbox (every endpoint's due deliveries, once fanned out), as `type:endpoint`. */
  async function rows(store: Store): Promise<string[]> {
    await store.webhooks.fanOut(1000);
    const due = await store.webhooks.due(Number.MAX_SAFE_INTEGER, 1000);
    return due.map((d) => `${d.type}:${d.endpointId}`).sort();
  }

  it('makes no event that no enabled endpoint subscribes to (no row, no insert)', async () => {
    const { store } = await open();
    await store.webhooks.createEndpoint(endpoint('w_goal', ['goal.reached']));
    await store.webhooks.createEndpoint(endpoint('w_off', ['conversation.started'], false));
    const outbox = outboxOf(store);
    await waitFor('the subscriptions read', () => !outbox.subscriptions.wants('conversation.started'));
    const enqueue = vi.spyOn(store.webhooks, 'enqueue');
    outbox.add('conversation.started', subject);
    outbox.add('conversation.ended', subject, { outcome: 'completed', reason: 'completed' });
    await store.commit.settled();
    expect(enqueue).not.toHaveBeenCalled();
    outbox.add('conversation.started', subject);
    outbox.add('goal.reached', subject, { goal: 'demo', score: 5 });
    await store.commit.settled();
    expect(enqueue).toHaveBeenCalledTimes(1);
    expect(enqueue.mock.calls[0][0].map((e) => e.type)).toEqual(['goal.reached']);
    expect(await rows(store)).toEqual(['goal.reached:w_goal']);
    const [d] = await store.webhooks.due(Number.MAX_SAFE_INTEGER, 10);
    expect(JSON.parse(d.payload)).toMatchObject({
      type: 'goal.reached',
      data: { conversationId: 'c_1', streamId: 's_1', version: 1, visitorId: 'v_1', goal: 'demo', score: 5 },
    });
  });

  it('keeps every body as it was made, whatever its text (tabs, line breaks, quotes, any script)', async () => {
    const { store } = await open();
    await store.webhooks.createEndpoint(endpoint('w_all', ['attribute.captured']));
    const outbox = outboxOf(store);
    const values = ['a\tb\nc\r\n"quoted" \\ back', 'ü 한국어 \u2028 \u2029 😀', ''];
    for (const value of values) outbox.add('attribute.captured', subject, { attribute: 'note', value });
    await store.commit.settled();
    expect(await store.webhooks.fanOut(10)).toBe(1);
    const due = await store.webhooks.due(Number.MAX_SAFE_INTEGER, 10);
    expect(due.map((d) => JSON.parse(d.payload).data.value).sort()).toEqual([...values].sort());
  });

  it('fans the outbox out once whatever the number of nodes doing it at once', async () => {
    const { store, other } = await open();
    const elsewhere = await other();
    await store.webhooks.createEndpoint(endpoint('w_a', ['conversation.started']));
    await store.webhooks.createEndpoint(endpoint('w_b', ['conversation.started', 'goal.reached']));
    const ev = (i: number, type: string) => ({ eventId: `e${i}`, type, payload: `{"n":${i}}`, at: i });
    for (let i = 0; i < 60; i++)
      void store.webhooks.enqueue([ev(i, 'conversation.started'), ev(i + 1000, 'goal.reached')]);
    await store.commit.settled();
    const drain = async (s: Store) => {
      let moved = 0;
      for (let n; (n = await s.webhooks.fanOut(7)) > 0;) moved += n;
      return moved;
    };
    const moved = await Promise.all([drain(store), drain(elsewhere), drain(store), drain(elsewhere)]);
    expect(moved.reduce((a, b) => a + b)).toBe(60);
    expect((await store.webhooks.deliveries('w_a', 1000)).length).toBe(60);
    expect((await store.webhooks.deliveries('w_b', 1000)).length).toBe(120);
  });

  it('gives an endpoint added or enabled later the events after the change', async () => {
    const { store } = await open();
    const outbox = outboxOf(store);
    await waitFor('the subscriptions read', () => !outbox.subscriptions.wants('conversation.started'));
    outbox.add('conversation.started', subject);
    await store.commit.settled();
    expect(await rows(store)).toEqual([]);

    // Added: the very next step's event is written (the set is dropped as soon as the change is queued).
    const added = store.webhooks.createEndpoint(endpoint('w_new', ['conversation.started', 'conversation.ended']));
    outbox.add('conversation.started', subject);
    await added;
    outbox.add('conversation.ended', subject);
    await store.commit.settled();
    expect(await rows(store)).toEqual(['conversation.ended:w_new', 'conversation.started:w_new']);
    // Once the set is read again, it holds the new endpoint's types.
    await waitFor('the subscriptions read', () => outbox.subscriptions.wants('conversation.started'));
    expect(outbox.subscriptions.wants('goal.reached')).toBe(false);

    // Disabled: nothing more for it; enabled again: its events come again.
    await store.webhooks.setEndpointState('w_new', { enabled: false });
    await waitFor('the subscriptions read', () => !outbox.subscriptions.wants('conversation.started'));
    outbox.add('conversation.started', subject);
    await store.commit.settled();
    await store.webhooks.fanOut(1000);
    expect((await store.webhooks.deliveries('w_new', 10)).length).toBe(2);
    await store.webhooks.setEndpointState('w_new', { enabled: true });
    outbox.add('conversation.started', subject);
    await store.commit.settled();
    await store.webhooks.fanOut(1000);
    expect((await store.webhooks.deliveries('w_new', 10)).length).toBe(3);

    // Removed: gone with its deliveries, and the set forgets its types.
    await store.webhooks.removeEndpoint('w_new');
    await waitFor('the subscriptions read', () => !outbox.subscriptions.wants('conversation.started'));
  });

  it("follows another node's change once told (the cluster's bus), or after the set's time to live", async () => {
    const { store, other } = await open();
    const elsewhere = await other();
    const outbox = outboxOf(store);
    await waitFor('the subscriptions read', () => !outbox.subscriptions.wants('conversation.started'));
    await elsewhere.webhooks.createEndpoint(endpoint('w_far', ['conversation.started']));
    // This node has not heard of it: its set still says nobody wants the event.
    expect(outbox.subscriptions.wants('conversation.started')).toBe(false);
    outbox.subscriptions.changed();
    outbox.add('conversation.started', subject);
    await store.commit.settled();
    expect(await rows(store)).toEqual(['conversation.started:w_far']);

    // A lost message: the set is read again once it is older than its time to live.
    let clock = 0;
    const subs = new Subscriptions(store, () => clock, 1000);
    await waitFor('the subscriptions read', () => subs.wants('conversation.started') && !subs.wants('goal.reached'));
    await elsewhere.webhooks.createEndpoint(endpoint('w_far2', ['goal.reached']));
    expect(subs.wants('goal.reached')).toBe(false);
    clock = 1001;
    await waitFor('the set read again', () => subs.wants('goal.reached'));
    subs.close();
  });
});
