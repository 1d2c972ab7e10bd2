import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPostgres } from '../../../testing/postgres.ts';
import { TestNodes, until } from './nodesTestkit.ts';

/**
 * Three runtime nodes as three processes (`runtime/server/main.ts`) on one throwaway PostgreSQL and one
 * throwaway Redis (SPEC §8.6): a visitor and agents on different nodes, and the routing owner killed with
 * SIGKILL in the middle of an offer.
 */
let pg: TestPostgres;
const clusters: TestNodes[] = [];

beforeAll(async () => {
  pg = await TestPostgres.start({ fsync: false });
}, 120_000);

afterAll(async () => {
  await Promise.all(clusters.map((c) => c.close()));
  await pg?.destroy();
});

/** Three nodes on a fresh database and a Redis of their own, started at once. */
async function cluster(): Promise<TestNodes> {
  const t = await TestNodes.start(pg, ['n1', 'n2', 'n3']);
  clusters.push(t);
  return t;
}

describe('three runtime nodes on PostgreSQL and Redis', () => {
  it('seed once, elect one routing owner, and carry a chat between a visitor and an agent on different nodes', async () => {
    const t = await cluster();
    const three = t.nodes;
    const [n1, n2, n3] = three;
    // Started at once on an empty database: one demo workspace, one owner.
    const admin = await n3.login('admin@demo.test');
    const users = await (await fetch(`${n3.base}/api/users`, { headers: { authorization: `Bearer ${admin}` } })).json();
    expect((users as { email: string }[]).filter((u) => u.email === 'agent@demo.test')).toHaveLength(1);
    await until('one routing owner', async () => (await t.owners(three)).length === 1);
    for (const n of three) expect((await n.health()).node).toMatch(new RegExp(`^${n.opts.name}`));

    const agent = await t.agentOn(n2, 'agent@demo.test');
    const { c, id } = await t.visitorToHandoff(n1, 'cross');
    const offer = await agent.next('offer', 15_000);
    expect(offer.offer).toMatchObject({ conversationId: id, visitor: { firstName: 'Ada' } });
    agent.send({ type: 'accept', conversationId: id });
    expect(await agent.next('chatOpened', 15_000)).toMatchObject({ chat: { conversationId: id } });
    expect(await c.next('agentJoined', 15_000)).toMatchObject({ agent: { name: 'Alex Agent' } });

    // Both ways, in order, each acknowledged with a seq from the database and numbered once.
    for (let i = 0; i < 5; i++) {
      c.send({ type: 'message', id: `v${i}`, text: `visitor ${i}` });
      agent.send({ type: 'message', id: `a${i}`, conversationId: id, text: `agent ${i}` });
    }
    const visitorAcks = [];
    const agentAcks = [];
    for (let i = 0; i < 5; i++) {
      visitorAcks.push((await c.next((m) => m.type === 'ack' && m.id === `v${i}`)).seq);
      agentAcks.push((await agent.next((m) => m.type === 'ack' && m.id === `a${i}`)).seq);
    }
    for (let i = 0; i < 5; i++) {
      expect((await agent.next((m) => m.type === 'item' && m.item.type === 'visitor')).item).toMatchObject({
        text: `visitor ${i}`,
        seq: visitorAcks[i],
      });
      expect(await c.next('agent')).toMatchObject({ text: `agent ${i}`, seq: agentAcks[i] });
    }
    const seqs = [...visitorAcks, ...agentAcks];
    expect(new Set(seqs).size).toBe(10);
    // A resend on the other node is the same message.
    agent.send({ type: 'message', id: 'a0', conversationId: id, text: 'agent 0' });
    expect((await agent.next((m) => m.type === 'ack' && m.id === 'a0')).seq).toBe(agentAcks[0]);

    c.send({ type: 'typing', on: true });
    expect(await agent.next('typing')).toMatchObject({ conversationId: id, on: true });
    agent.send({ type: 'typing', conversationId: id, on: true });
    expect(await c.next('typing')).toMatchObject({ on: true });
    agent.send({ type: 'read', conversationId: id, upTo: Math.max(...visitorAcks) });
    expect(await c.next((m) => m.type === 'receipt' && m.state === 'read')).toMatchObject({
      upTo: Math.max(...visitorAcks),
    });

    agent.send({ type: 'end', conversationId: id });
    expect(await c.next('chatEnded', 15_000)).toMatchObject({ by: 'agent' });

    // The transcript, read on the third node: every message once, seqs without gaps.
    const token = await n3.login('agent@demo.test');
    const conv = (await (
      await fetch(`${n3.base}/api/conversations/${id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: { seq: number; type: string; text?: string }[] };
    const all = conv.items.map((i) => i.seq);
    expect(all).toEqual(all.map((_, i) => i + 1));
    expect(conv.items.filter((i) => i.type === 'visitor' && i.text?.startsWith('visitor '))).toHaveLength(5);
    expect(conv.items.filter((i) => i.type === 'agent')).toHaveLength(5);
    expect(await t.decisions(n3, id)).toEqual(['connected', 'ended', 'offered']);
  }, 180_000);

  it('goes on when the routing owner is killed mid-offer: the offer is accepted once, on another node', async () => {
    const t = await cluster();
    const three = t.nodes;
    await until('one routing owner', async () => (await t.owners(three)).length === 1);
    const [owner] = await t.owners(three);
    const [a, b] = three.filter((n) => n !== owner);
    const agent = await t.agentOn(a, 'agent@demo.test');
    const { c, id } = await t.visitorToHandoff(b, 'failover');
    expect((await agent.next('offer', 15_000)).offer).toMatchObject({ conversationId: id });

    await owner.kill();
    // Accepted while nobody owns routing: the input waits in the journal for the next owner.
    agent.send({ type: 'accept', conversationId: id });
    expect(await agent.next('chatOpened', 20_000)).toMatchObject({ chat: { conversationId: id } });
    expect(await c.next('agentJoined', 20_000)).toBeTruthy();
    const next = await t.owners([a, b]);
    expect(next).toHaveLength(1);

    // Offered once, connected once: nothing lost, nothing done twice.
    expect(await t.decisions(a, id)).toEqual(['connected', 'offered']);
    expect(agent.received.filter((m) => m.type === 'offer')).toHaveLength(1);
    // Shown once: the nodes that catch their sockets up after the owner's death may send the entry again with its
    // seq, which clients drop (docs/protocol.md); one seq is one entry on the visitor's screen.
    const joined = c.received.filter((m) => m.type === 'agentJoined').map((m) => (m as { seq: number }).seq);
    expect(new Set(joined).size).toBe(1);
    c.send({ type: 'message', id: 'after', text: 'still there?' });
    const ack = await c.next((m) => m.type === 'ack' && m.id === 'after');
    expect((await agent.next((m) => m.type === 'item' && m.item.type === 'visitor')).item.seq).toBe(ack.seq);
  }, 180_000);
});
