import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtherNodeWorld } from './otherNodeTestkit.ts';

/**
 * Catching up after a gap on the bus sends each socket only the entries it lacks. "Another node" is a second store
 * on the same database that stores entries behind this node's back (as a node does whose publishes Redis lost);
 * the gap is announced as a node announces it once Redis answers again (the `gap` channel).
 */
let w: OtherNodeWorld;
let raw: Redis;
const AGENT = { id: 'u_agent', name: 'Agent', avatarUrl: null };

beforeAll(async () => {
  w = await OtherNodeWorld.start();
  raw = new Redis(w.redisUrl);
}, 120_000);

afterAll(async () => {
  raw?.disconnect();
  await w?.close();
});

describe('catching up after a gap on the bus', () => {
  it('sends each socket only the entries it lacks, not the whole chat again', async () => {
    const { agent, v, id, agentId } = await w.liveChat();
    const me = { ...AGENT, id: agentId };

    // A long chat, both ways.
    for (let i = 0; i < 10; i++) {
      v.send({ type: 'message', id: `v-${i}`, text: `from the visitor ${i}` });
      await agent.next((m) => m.type === 'item' && m.item.clientId === `v-${i}`);
      agent.send({ type: 'message', id: `a-${i}`, conversationId: id, text: `from the agent ${i}` });
      await v.next((m) => m.type === 'agent' && m.clientId === `a-${i}`);
    }

    // Redis loses what another node publishes: the agent's message stored there reaches nobody here; the
    // visitor's next message, stored here after it, reaches both sockets first (one seq skipped).
    const [lost] = await w.storeElsewhere(id, [{ type: 'agent', text: 'lost on the bus', clientId: 'x-1', agent: me }]);
    v.send({ type: 'message', id: 'v-after', text: 'after the lost one' });
    expect((await v.next((m) => m.type === 'ack' && m.id === 'v-after')).seq).toBe(lost + 1);
    await agent.next((m) => m.type === 'item' && m.item.seq === lost + 1);
    // Then an internal note and another message, also stored elsewhere.
    const [note, last] = await w.storeElsewhere(id, [
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
