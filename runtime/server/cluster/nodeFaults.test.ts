import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeProcess } from '../../../testing/nodeProcess.ts';
import { TestPostgres } from '../../../testing/postgres.ts';
import type { Client } from '../testkit.ts';
import { TestNodes, until, type Visitor } from './nodesTestkit.ts';

/**
 * Faults among three runtime node processes on one throwaway PostgreSQL and one Redis (SPEC §8.6): round robin
 * over agents on two nodes, Redis restarted mid-chat, the visitor's node killed mid-chat, and an offer whose
 * accept deadline passes while the routing owner is gone. One cluster serves the cases in order (starting three
 * node processes is the slow part): each case starts its own conversations, and the last two leave nodes dead.
 *
 * The nodes' TTL is 9 s, so that a routing owner that stops answering keeps its lease for at least 6 s (renewed
 * every third of it): longer than the 5 s accept timeout, which makes "the deadline passes during the failover"
 * certain rather than a race.
 */
let pg: TestPostgres;
let t: TestNodes;
/** The routing owner at the start, and the two other nodes. */
let owner: NodeProcess;
let x: NodeProcess;
let y: NodeProcess;
/** agent@ on x, agent2@ on y. */
let agentX: Client;
let agentY: Client;

beforeAll(async () => {
  pg = await TestPostgres.start({ fsync: false });
  t = await TestNodes.start(pg, ['n1', 'n2', 'n3'], {
    TRIBUTARY_NODE_TTL_MS: '9000',
    TRIBUTARY_LIVECHAT_REQUESTS_PER_ADDRESS: '1000',
  });
  await until('one routing owner', async () => (await t.owners()).length === 1);
  [owner] = await t.owners();
  [x, y] = t.nodes.filter((n) => n !== owner);
  agentX = await t.agentOn(x, 'agent@demo.test');
  agentY = await t.agentOn(y, 'agent2@demo.test');
}, 240_000);

afterAll(async () => {
  await t?.close();
  await pg?.destroy();
});

/** The agent (of `agents`) who was offered the conversation; the offer stays queued for their `next`. */
async function offeredTo(id: string, agents = [agentX, agentY]): Promise<Client> {
  const offered = (a: Client) => a.received.some((m) => m.type === 'offer' && m.offer.conversationId === id);
  await until(`an offer of ${id}`, () => agents.some(offered));
  return agents.find(offered)!;
}

/** Offered, accepted, joined: resolves with the agent holding the chat. */
async function connect(v: Visitor, agents = [agentX, agentY]): Promise<Client> {
  const agent = await offeredTo(v.id, agents);
  agent.send({ type: 'accept', conversationId: v.id });
  await agent.next((m) => m.type === 'chatOpened' && m.chat.conversationId === v.id);
  await v.c.next('agentJoined');
  return agent;
}

/** The agent's entry saying chat `id` ended. */
function endedFor(id: string): (m: any) => boolean {
  return (m) => m.type === 'item' && m.conversationId === id && m.item.type === 'chatEnded';
}

/** Every seq appears once, and the stored transcript is numbered 1, 2, 3, … without gaps. */
function numberedOnce(items: { seq: number }[]): void {
  expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
}

/** The visitor's messages in conversation `id` as the agent's inbox shows them: by text, a repeated seq dropped
 * (nodes catch their sockets up after a gap by sending the live part again; docs/protocol.md). */
function agentSaw(agent: Client, id: string): string[] {
  const bySeq = new Map<number, string>();
  for (const m of agent.received)
    if (m.type === 'item' && m.conversationId === id && m.item.type === 'visitor') {
      // One seq is one message: the same seq never names two texts.
      expect(bySeq.get(m.item.seq) ?? m.item.text).toBe(m.item.text);
      bySeq.set(m.item.seq, m.item.text);
    }
  return [...bySeq.values()];
}

describe('faults among three runtime nodes', () => {
  it('offers in turn to agents on two nodes and never past their capacity', async () => {
    await t.api(owner, '/api/settings', 'PATCH', { maxChatsPerAgent: 2 });
    const holders: Client[] = [];
    for (let i = 0; i < 4; i++) {
      const v = await t.visitorToHandoff(owner, `rr${i}`);
      holders.push(await connect(v));
    }
    // Alternating, whoever was first: two chats each, each chat opened once.
    expect(holders[1]).not.toBe(holders[0]);
    expect(holders[2]).toBe(holders[0]);
    expect(holders[3]).toBe(holders[1]);
    for (const a of [agentX, agentY]) expect(a.received.filter((m) => m.type === 'chatOpened')).toHaveLength(2);

    // Both are full: the next visitor gets the fallback, and nobody an offer.
    const full = await t.visitorToHandoff(owner, 'rr-full');
    expect(await full.c.next('fallback')).toBeTruthy();
    expect(await t.decisions(owner, full.id)).not.toContain('offered');
    for (const a of [agentX, agentY])
      expect(a.received.filter((m) => m.type === 'offer' && m.offer.conversationId === full.id)).toHaveLength(0);

    // One chat ends on y's node: the next visitor, on x's node, is offered to y (the only one with room).
    const ended = agentY.received.find((m) => m.type === 'chatOpened').chat.conversationId;
    agentY.send({ type: 'end', conversationId: ended });
    await agentY.next(endedFor(ended));
    const next = await t.visitorToHandoff(x, 'rr-room');
    expect(await connect(next)).toBe(agentY);

    // Leave both agents free for the cases that follow.
    for (const a of [agentX, agentY])
      for (const m of a.received.filter((r) => r.type === 'chatOpened')) {
        if (m.chat.conversationId === ended) continue;
        a.send({ type: 'end', conversationId: m.chat.conversationId });
        await a.next(endedFor(m.chat.conversationId));
      }
    await t.api(owner, '/api/settings', 'PATCH', { maxChatsPerAgent: 10 });
  }, 180_000);

  it('carries a chat on after Redis restarts: nothing acknowledged lost, messages flow both ways again', async () => {
    const v = await t.visitorToHandoff(owner, 'redis');
    const agent = await connect(v);
    v.c.send({ type: 'message', id: 'before', text: 'before' });
    await agent.next((m) => m.type === 'item' && m.item.text === 'before');

    await t.redis.restart();
    // While the nodes reconnect: stored and acknowledged on each side.
    const acks: number[] = [];
    for (let i = 0; i < 3; i++) {
      v.c.send({ type: 'message', id: `v-gap${i}`, text: `visitor gap ${i}` });
      agent.send({ type: 'message', id: `a-gap${i}`, conversationId: v.id, text: `agent gap ${i}` });
    }
    for (let i = 0; i < 3; i++) {
      acks.push((await v.c.next((m) => m.type === 'ack' && m.id === `v-gap${i}`)).seq);
      acks.push((await agent.next((m) => m.type === 'ack' && m.id === `a-gap${i}`)).seq);
    }
    await until('the nodes to elect a routing owner again', async () => (await t.owners()).length === 1);

    // Everything acknowledged reaches the other side (caught up from the store), and new messages flow live.
    v.c.send({ type: 'message', id: 'after', text: 'after' });
    agent.send({ type: 'message', id: 'a-after', conversationId: v.id, text: 'agent after' });
    await agent.next((m) => m.type === 'item' && m.item.text === 'after', 30_000);
    await v.c.next((m) => m.type === 'agent' && m.text === 'agent after', 30_000);
    await until('the gap messages at the agent', () => agentSaw(agent, v.id).length >= 5);
    expect(new Set(agentSaw(agent, v.id))).toEqual(
      new Set(['before', 'visitor gap 0', 'visitor gap 1', 'visitor gap 2', 'after']),
    );
    const toVisitor = v.c.received.filter((m) => m.type === 'agent').map((m) => m.text);
    expect(new Set(toVisitor)).toEqual(new Set(['agent gap 0', 'agent gap 1', 'agent gap 2', 'agent after']));

    const stored = await t.transcript(x, v.id);
    numberedOnce(stored);
    for (const seq of acks) expect(stored.filter((i) => i.seq === seq)).toHaveLength(1);
    const texts = stored.flatMap((i) => (i.text ? [i.text] : []));
    for (const text of ['before', 'after', 'agent after', 'visitor gap 1', 'agent gap 2'])
      expect(texts.filter((s) => s === text)).toHaveLength(1);
    agent.send({ type: 'end', conversationId: v.id });
    await v.c.next('chatEnded');
  }, 180_000);

  it("goes on when the visitor's node is killed mid-chat: the visitor resumes on another node, nothing lost or doubled", async () => {
    // The visitor on y, the agent on x (agent@: the other agent goes offline for this case).
    agentY.send({ type: 'status', status: 'offline' });
    await agentY.next((m) => m.type === 'status' && m.status === 'offline');
    const v = await t.visitorToHandoff(y, 'kill');
    await connect(v, [agentX]);
    v.c.send({ type: 'message', id: 'm-first', text: 'first' });
    const first = await v.c.next((m) => m.type === 'ack' && m.id === 'm-first');
    let seen = first.seq;

    // Five messages in flight when the node dies: some acknowledged, maybe not all.
    for (let i = 0; i < 5; i++) v.c.send({ type: 'message', id: `m${i}`, text: `flight ${i}` });
    await y.kill();
    await v.c.closed;
    const acked = v.c.received.filter((m) => m.type === 'ack' && m.id.startsWith('m'));
    seen = Math.max(seen, ...v.c.received.filter((m) => typeof m.seq === 'number').map((m) => m.seq));
    // The agent goes on meanwhile.
    agentX.send({ type: 'message', id: 'a-while', conversationId: v.id, text: 'are you there?' });
    await agentX.next((m) => m.type === 'ack' && m.id === 'a-while');

    // The widget reconnects elsewhere with the highest seq it has and resends what was not acknowledged.
    const back = await t.visitorResume(owner, v, seen);
    expect(back.welcome.conversation).toMatchObject({ id: v.id, status: 'live' });
    const resumed = back.welcome.conversation.items as { seq: number; type: string; text?: string }[];
    expect(resumed.every((i) => i.seq > seen)).toBe(true);
    expect(resumed.filter((i) => i.text === 'are you there?')).toHaveLength(1);
    const ackedIds = new Set(acked.map((m) => m.id));
    for (let i = 0; i < 5; i++)
      if (!ackedIds.has(`m${i}`)) back.c.send({ type: 'message', id: `m${i}`, text: `flight ${i}` });
    const seqs = new Map(acked.map((m) => [m.id, m.seq]));
    for (let i = 0; i < 5; i++)
      if (!ackedIds.has(`m${i}`))
        seqs.set(`m${i}`, (await back.c.next((m) => m.type === 'ack' && m.id === `m${i}`)).seq);
    back.c.send({ type: 'message', id: 'm-after', text: 'back again' });
    await agentX.next((m) => m.type === 'item' && m.item.text === 'back again');
    agentX.send({ type: 'message', id: 'a-after', conversationId: v.id, text: 'welcome back' });
    await back.c.next((m) => m.type === 'agent' && m.text === 'welcome back');

    // Each message once, with the seq its ack named; the agent saw each once; seqs without gaps.
    const stored = await t.transcript(owner, v.id);
    numberedOnce(stored);
    for (let i = 0; i < 5; i++) {
      const mine = stored.filter((s) => s.text === `flight ${i}`);
      expect(mine).toHaveLength(1);
      expect(mine[0].seq).toBe(seqs.get(`m${i}`));
    }
    const atAgent = agentSaw(agentX, v.id);
    expect(atAgent.sort()).toEqual(['back again', 'first', ...[0, 1, 2, 3, 4].map((i) => `flight ${i}`)].sort());
    agentX.send({ type: 'end', conversationId: v.id });
    await back.c.next('chatEnded');
  }, 180_000);

  it('times out, once, an offer whose accept deadline passed while the routing owner was gone', async () => {
    // Two nodes are left: the owner and x. The visitor and the agent are on x.
    await t.api(x, '/api/settings', 'PATCH', { acceptTimeoutSec: 5 });
    await until('the new timeout at x', async () => {
      const s = (await t.api(x, '/api/settings')) as { acceptTimeoutSec: number };
      return s.acceptTimeoutSec === 5;
    });
    const v = await t.visitorToHandoff(x, 'lapse');
    const offer = await agentX.next((m) => m.type === 'offer' && m.offer.conversationId === v.id);
    expect(offer.offer.deadline - offer.offer.offeredAt).toBe(5000);

    // The owner freezes (its lease has ≥ 6 s left, so nobody takes over before the deadline), then dies.
    owner.pause();
    const gone = await agentX.next((m) => m.type === 'offerGone' && m.conversationId === v.id, 60_000);
    expect(gone.reason).toBe('timeout');
    expect(Date.now()).toBeGreaterThan(offer.offer.deadline);
    expect(await v.c.next('fallback')).toMatchObject({ reason: 'accept-timeout' });
    expect(await t.owners([x])).toEqual([x]);

    // The old owner wakes up with its timer overdue: it must not time the offer out a second time.
    owner.resume();
    await until('the old owner to know it lost routing', async () => (await t.owners([owner])).length === 0);
    const probe = await t.visitorToHandoff(x, 'probe');
    await offeredTo(probe.id, [agentX]);
    agentX.send({ type: 'accept', conversationId: probe.id });
    await agentX.next((m) => m.type === 'chatOpened' && m.chat.conversationId === probe.id);
    await owner.kill();

    expect(await t.decisions(x, v.id)).toEqual(['fallback', 'offered', 'timeout']);
    expect(agentX.received.filter((m) => m.type === 'offerGone' && m.conversationId === v.id)).toHaveLength(1);
    expect(v.c.received.filter((m) => m.type === 'fallback')).toHaveLength(1);
    const stored = await t.transcript(x, v.id);
    numberedOnce(stored);
    expect(stored.filter((i) => i.type === 'fallback')).toHaveLength(1);
  }, 180_000);
});
