import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPostgres } from '../../../testing/postgres.ts';
import { TestNodes, until } from './nodesTestkit.ts';

/**
 * A transfer asked on a node that does not own routing, between two node processes on one throwaway PostgreSQL and
 * Redis: the owner's engine decides, and the agent who asked hears a refusal on their own socket as on one node
 * (docs/protocol.md, Transfer).
 */
let pg: TestPostgres;
let t: TestNodes;

beforeAll(async () => {
  pg = await TestPostgres.start({ fsync: false });
  t = await TestNodes.start(pg, ['t1', 't2']);
  await until('one routing owner', async () => (await t.owners()).length === 1);
}, 180_000);

afterAll(async () => {
  await t?.close();
  await pg?.destroy();
});

describe('a transfer among several nodes', () => {
  it("answers a refusal to the agent who asked, on a node other than the routing owner's", async () => {
    const [owner] = await t.owners();
    const elsewhere = t.nodes.find((n) => n !== owner)!;
    const agent = await t.agentOn(elsewhere, 'agent@demo.test');
    const me = (agent.received.find((m) => m.type === 'hello') as { me: { id: string } }).me.id;
    const v = await t.visitorToHandoff(owner, 'tr');
    await agent.next('offer');
    agent.send({ type: 'accept', conversationId: v.id });
    await agent.next('chatOpened');
    await v.c.next('agentJoined');

    // agent2@ is offline: nobody else in sales is eligible; and nobody hands a chat to themselves.
    agent.send({ type: 'transfer', conversationId: v.id, to: { teamId: 'sales' } });
    expect(await agent.next('error', 30_000)).toEqual({
      type: 'error',
      code: 'not-allowed',
      message: 'transfer refused: team sales: no eligible agent (Alex Agent (the sender), Bea Agent (offline))',
    });
    agent.send({ type: 'transfer', conversationId: v.id, to: { agentId: me } });
    expect(await agent.next('error', 30_000)).toEqual({
      type: 'error',
      code: 'not-allowed',
      message: 'transfer refused: an agent cannot transfer a chat to themselves',
    });

    // One that goes ahead answers no error: the sender hears it is pending.
    const other = await t.agentOn(owner, 'agent2@demo.test');
    const target = (other.received.find((m) => m.type === 'hello') as { me: { id: string } }).me.id;
    agent.send({ type: 'transfer', conversationId: v.id, to: { agentId: target } });
    expect(await agent.next('transfer', 30_000)).toMatchObject({ state: 'pending', conversationId: v.id });
    await other.next((m) => m.type === 'offer' && m.offer.conversationId === v.id);
    expect(agent.received.filter((m) => m.type === 'error')).toHaveLength(2);
  }, 120_000);
});
