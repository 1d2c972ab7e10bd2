import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtherNodeWorld } from './otherNodeTestkit.ts';

/**
 * A message another node stored first (the same message reached two nodes at once: a resend on another node
 * while the first was still storing it) is acknowledged with the stored seq and not sent to this node's sockets
 * again: only the node that stored it sends it. "Another node" is a second store on the same database that
 * stores the message behind this node's back, before any word of it reaches this node over Redis.
 */
let w: OtherNodeWorld;

beforeAll(async () => {
  w = await OtherNodeWorld.start();
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('an entry another node stored first', () => {
  it('is acknowledged with its stored seq and not sent again to the sockets of this node', async () => {
    const { agent, v, id, visitorToken } = await w.liveChat();

    // The visitor's second tab, on this node too.
    const tab = await w.open('/ws/visitor');
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
    const [stored] = await w.storeElsewhere(id, [{ type: 'visitor', text: 'sent twice', clientId: 'm-dup' }]);

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
    const items = await w.other.conversations.items(id);
    expect(items.filter((i) => i.type === 'visitor' && i.text === 'sent twice').map((i) => i.seq)).toEqual([stored]);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
  }, 120_000);

  it("a bot reply another node stored first does not run the bot's step here: that node runs it", async () => {
    const v = await w.open('/ws/visitor');
    v.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    await v.next('welcome');
    v.send({ type: 'start', id: 'b', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const id = (await v.next('started')).conversationId;
    await v.next('ask');

    // Another node got the same reply at the same instant and stored it first.
    const [stored] = await w.storeElsewhere(id, [{ type: 'visitor', text: 'Yes', clientId: 'r-dup', cardId: 'ask' }]);

    v.send({ type: 'reply', id: 'r-dup', cardId: 'ask', answerId: 'yes' });
    expect((await v.next((m) => m.type === 'ack' && m.id === 'r-dup')).seq).toBe(stored);
    // Nothing of the step is stored or sent by this node (it would have been by the time of the ack).
    const items = await w.other.conversations.items(id);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
    expect(items[items.length - 1]).toMatchObject({ seq: stored, clientId: 'r-dup' });
    expect(v.received.filter((m) => m.type === 'ask' && m.attribute === 'firstName')).toEqual([]);
  }, 120_000);
});
