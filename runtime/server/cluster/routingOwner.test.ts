import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RoutingEvent, RoutingWorkspace } from '../../../shared/routing/types.ts';
import { TestRedis } from '../../../testing/redis.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { MemoryEpochs } from './epochs.ts';
import { RedisBus } from './redisBus.ts';
import { MemoryJournal, type RoutingJournal } from './routingJournal.ts';
import { RoutingLease } from './routingLease.ts';
import { RoutingOwner, type Routed } from './routingOwner.ts';

// Longer than the 1 s accept timeout, so that an offer's deadline passes while its owner is dead.
const TTL = 2100;
const WORKSPACE: RoutingWorkspace = {
  plan: 'prime',
  settings: { acceptTimeoutSec: 1 },
  agents: [
    { id: 'ann', liveChat: true, status: 'online' },
    { id: 'bob', liveChat: true, status: 'online' },
  ],
};

/** A node as the other nodes see it: killed means no Redis and no store any more (calls never return). */
interface TestNode {
  name: string;
  owner: RoutingOwner;
  bus: RedisBus;
  routed: Routed[];
  killed: boolean;
}

describe('routing with one owner among the nodes', () => {
  let redis: TestRedis;
  let epochs: MemoryEpochs;
  let journal: MemoryJournal;
  let nodes: TestNode[] = [];

  const node = async (name: string): Promise<TestNode> => {
    const bus = await RedisBus.connect({ url: redis.url, node: name });
    const t: TestNode = { name, bus, routed: [], killed: false, owner: undefined as never };
    const hang = <T>(f: () => Promise<T>): Promise<T> => (t.killed ? new Promise<T>(() => {}) : f());
    // Each node reaches the shared store through its own connection; a killed node's calls never come back.
    const store: RoutingJournal = {
      append: (e, at) => hang(() => journal.append(e, at)),
      since: (id) => hang(() => journal.since(id)),
      snapshot: () => hang(() => journal.snapshot()),
      commit: (epoch, c) => hang(() => journal.commit(epoch, c)),
    };
    t.owner = new RoutingOwner({
      bus,
      journal: store,
      workspace: async () => structuredClone(WORKSPACE),
      lease: (hooks) => new RoutingLease({ name: 'routing:ws', node: name, epochs, redis: bus, ttlMs: TTL, ...hooks }),
      pollMs: 200,
    });
    t.owner.onRouted((r) => t.routed.push(r));
    await t.owner.start();
    nodes.push(t);
    return t;
  };

  /** `kill -9`: the node stops answering anything, and its connections drop. */
  const kill = async (t: TestNode) => {
    t.killed = true;
    await t.bus.close();
  };

  const owners = () => nodes.filter((n) => !n.killed && n.owner.state);
  const decisions = (visitor: string) =>
    journal.decisions.filter((d) => d.visitor === visitor).map((d) => `${d.event} ${d.agent ?? d.reason ?? ''}`.trim());
  const request = (visitor: string): RoutingEvent => ({ type: 'request', visitor, routing: { mode: 'roundRobin' } });

  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterEach(async () => {
    for (const n of nodes) {
      if (!n.killed) await n.owner.stop();
      await n.bus.close();
    }
    nodes = [];
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('applies inputs from every node on the one owner, and every node hears each decision', async () => {
    epochs = new MemoryEpochs();
    journal = new MemoryJournal(epochs, 'routing:ws');
    const [n1, n2, n3] = [await node('r1'), await node('r2'), await node('r3')];
    await waitFor('one owner', () => owners().length === 1);
    await n1.owner.submit(request('v1'));
    await n2.owner.submit(request('v2'));
    await waitFor('two offers', () => decisions('v1').length > 0 && decisions('v2').length > 0);
    // Round robin across nodes: one engine, so the two requests went to the two agents in turn.
    expect([...decisions('v1'), ...decisions('v2')]).toEqual(['offered ann', 'offered bob']);
    await n3.owner.submit({ type: 'accept', agent: 'ann', visitor: 'v1' });
    await waitFor('connected', () => decisions('v1').includes('connected ann'));
    for (const n of [n1, n2, n3])
      await waitFor(`${n.name} heard it`, () =>
        n.routed.some((r) => r.decisions.some((d) => d.event === 'connected' && d.visitor === 'v1')),
      );
    expect(owners()).toHaveLength(1);
  });

  it('a new owner restores the engine after the owner is killed mid-offer: a deadline that passed times out once, at once', async () => {
    epochs = new MemoryEpochs();
    journal = new MemoryJournal(epochs, 'routing:ws');
    await node('k1');
    await node('k2');
    await node('k3');
    const first = await waitFor('an owner', () => owners()[0]);
    const other = nodes.find((n) => n !== first)!;
    await other.owner.submit(request('v3'));
    await waitFor('offered', () => decisions('v3').length === 1);
    const epoch = first.owner.epoch!;
    await kill(first);
    // Asked during the failover (no owner yet): applied by the next owner, in order.
    await other.owner.submit(request('v4'));
    const next = await waitFor('a new owner', () => owners()[0]);
    expect(next.owner.epoch).toBeGreaterThan(epoch);
    await waitFor('the lapsed offer fell back', () => decisions('v3').length === 3);
    // The failover took longer than the 1 s accept timeout: the new owner timed the offer out as it took over.
    expect(decisions('v3')).toEqual(['offered ann', 'timeout ann', 'fallback accept-timeout']);
    const lapse = next.routed.find((r) => r.decisions.some((d) => d.visitor === 'v3' && d.event === 'timeout'))!;
    expect(lapse.event.type).toBe('restore');
    expect(lapse.epoch).toBe(next.owner.epoch);
    await waitFor('v4 routed', () => decisions('v4').length >= 1);
    expect(decisions('v4')[0]).toMatch(/^offered /);
    // The engine the new owner restored knows ann's slot is free again, and nobody holds two offers.
    const state = next.owner.state!;
    expect(state.agents.get('ann')!.offers.size + state.agents.get('bob')!.offers.size).toBeLessThanOrEqual(1);
  });

  it('an owner that lost its lease without noticing cannot write: the store refuses its epoch', async () => {
    epochs = new MemoryEpochs();
    journal = new MemoryJournal(epochs, 'routing:ws');
    const stale = await node('s1');
    await waitFor('s1 owns', () => stale.owner.state);
    const epoch = stale.owner.epoch!;
    // Another node took over meanwhile (a newer epoch exists).
    await epochs.next('routing:ws');
    const before = journal.decisions.length;
    await stale.owner.submit(request('v5'));
    await waitFor('s1 let go', () => stale.owner.epoch !== epoch);
    expect(journal.decisions.length).toBe(before);
    expect(await journal.commit(epoch, { applied: 0, records: [], decisions: [], engagements: 0 })).toBe(false);
  });
});
