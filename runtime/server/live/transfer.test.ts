import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../testing/waitFor.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { agentMessage, setStatus } from './agentOps.ts';
import type { Conv } from './conv.ts';
import type { Hub } from './hub.ts';
import { FakeSocket, openDemoHub, type DemoHub } from './testHub.ts';
import { accept, decline, pendingOffers } from './liveChat.ts';
import { transfer } from './transfer.ts';
import { planStart, reply, startConversation, visitorEnd } from './visitorOps.ts';

describe('transfer: a held chat handed to a colleague or a team', () => {
  let demo: DemoHub;
  let store: Store;
  let hub: Hub;
  let ann: string;
  let bob: string;
  let annTab: FakeSocket;
  let bobTab: FakeSocket;
  let chat: { conv: Conv; socket: FakeSocket };

  const settle = () => new Promise<void>((r) => hub.after(r));
  const load = (id: string) => hub.router.state.agents.get(id)!.load;

  beforeEach(async () => {
    demo = await openDemoHub('transfer');
    ({ store, hub } = demo);
    [ann, bob] = (await store.users.list()).filter((u) => u.roles.includes('agent')).map((u) => u.id);
    annTab = new FakeSocket();
    bobTab = new FakeSocket();
    hub.agents.add(ann, { userId: ann, token: 't', send: annTab.send, close: annTab.close });
    hub.agents.add(bob, { userId: bob, token: 't', send: bobTab.send, close: bobTab.close });
    // Only Ann is available: the visitor's chat goes to her.
    setStatus(hub, ann, 'online');
    await settle();
    chat = await waitingVisitor();
    await waitFor('offer', () => annTab.of('offer').length === 1);
    expect(accept(hub, ann, chat.conv.rec.id)).toBeUndefined();
    await waitFor('connected', () => annTab.of('chatOpened').length === 1);
    setStatus(hub, bob, 'online');
    await settle();
  });
  afterEach(() => demo.close());

  const waitingVisitor = async (): Promise<{ conv: Conv; socket: FakeSocket }> => {
    const socket = new FakeSocket();
    const visitorId = newId('v');
    const plan = await planStart(hub, visitorId, 'd_demo', 'http://localhost/demo');
    if ('code' in plan) throw new Error(plan.message);
    const id = newId('c');
    hub.visitors.add(id, { send: socket.send, close: socket.close });
    const conv = startConversation(hub, id, visitorId, plan);
    for (const r of [
      { id: 'r1', cardId: 'ask', answerId: 'yes' },
      { id: 'r2', cardId: 'name', text: 'Ada' },
      { id: 'r3', cardId: 'email', text: 'ada@example.com' },
    ]) {
      expect(reply(hub, conv, r, () => {})).toBeUndefined();
    }
    await waitFor('waiting', () => socket.of('waiting').length > 0);
    return { conv, socket };
  };

  it('offers the chat to the colleague with the note; it stays with the sender until the accept moves it', async () => {
    const id = chat.conv.rec.id;
    expect(transfer(hub, ann, { conversationId: id, to: { agentId: bob }, note: 'Wants a quote for 40 seats' })).toBe(
      undefined,
    );
    await waitFor('transfer offer', () => bobTab.of('offer').length === 1);
    const [offered] = bobTab.of('offer');
    expect(offered.offer).toMatchObject({
      conversationId: id,
      visitor: { firstName: 'Ada' },
      transfer: { from: { id: ann }, note: 'Wants a quote for 40 seats' },
    });
    expect(offered.offer.why).toMatch(/stays with/);
    // The note is in the transcript as Ann's internal note: agents see it, the visitor never gets it.
    await settle();
    const note = (await store.conversations.items(id)).find((i) => i.type === 'note');
    expect(note).toMatchObject({ text: 'Transfer to Bea Agent: Wants a quote for 40 seats', agent: { id: ann } });
    await waitFor('note to the sender', () => annTab.of('item').some((m) => m.item.type === 'note'));
    expect(chat.socket.got.some((m) => m.type === 'note' || m.item?.type === 'note')).toBe(false);
    // hello shows the same offer.
    expect(await pendingOffers(hub, bob)).toEqual([offered.offer]);
    await waitFor('pending', () => annTab.of('transfer').length === 1);
    expect(annTab.of('transfer')[0]).toMatchObject({ conversationId: id, state: 'pending', to: { id: bob } });
    // Until accepted: Ann holds the chat (and may still write), Bob's pending offer takes a slot.
    expect(chat.conv.rec.agentId).toBe(ann);
    expect([load(ann), load(bob)]).toEqual([1, 1]);
    expect(agentMessage(hub, ann, { id: 'm1', conversationId: id, text: 'One moment' }, () => {})).toBeUndefined();
    // A second transfer while one is pending is refused.
    expect(transfer(hub, ann, { conversationId: id, to: { teamId: 'sales' } })).toMatchObject({ code: 'not-allowed' });

    expect(accept(hub, bob, id)).toBeUndefined();
    await waitFor('moved', () => bobTab.of('chatOpened').length === 1 && annTab.of('transfer').length === 2);
    expect(annTab.of('transfer')[1]).toMatchObject({ state: 'accepted', to: { id: bob } });
    expect(bobTab.of('offerGone')).toEqual([{ type: 'offerGone', conversationId: id, reason: 'accepted' }]);
    expect(bobTab.of('chatOpened')[0].chat).toMatchObject({ conversationId: id, status: 'live' });
    expect(bobTab.of('chatOpened')[0].chat.items.map((i: any) => i.type)).toEqual(
      expect.arrayContaining(['agent', 'note']),
    );
    expect(chat.socket.of('agentJoined').map((i) => i.agent.id)).toEqual([ann, bob]);
    expect(chat.conv.rec.agentId).toBe(bob);
    expect([load(ann), load(bob)]).toEqual([0, 1]);
    // Now Bob writes and Ann no longer may.
    expect(agentMessage(hub, bob, { id: 'm2', conversationId: id, text: 'Hi, Bob here' }, () => {})).toBeUndefined();
    expect(agentMessage(hub, ann, { id: 'm3', conversationId: id, text: 'still here?' }, () => {})).toBeDefined();
    const decisions = await store.decisions.query({ conversationId: id, limit: 20 });
    expect(decisions.map((d) => d.event)).toEqual(expect.arrayContaining(['offered', 'connected']));
    expect(decisions.find((d) => d.event === 'connected' && d.agentId === bob)?.why).toMatch(/accepted the transfer/);
  });

  it('a decline leaves the chat with the sender and says so', async () => {
    const id = chat.conv.rec.id;
    expect(transfer(hub, ann, { conversationId: id, to: { teamId: 'sales' } })).toBeUndefined();
    await waitFor('transfer offer', () => bobTab.of('offer').length === 1);
    expect(decline(hub, bob, id)).toBeUndefined();
    await waitFor('told', () => annTab.of('transfer').length === 2);
    expect(annTab.of('transfer')[1]).toMatchObject({ state: 'declined', to: { id: bob } });
    expect(bobTab.of('offerGone')).toEqual([{ type: 'offerGone', conversationId: id, reason: 'declined' }]);
    expect(chat.conv.rec).toMatchObject({ status: 'live', agentId: ann });
    expect([load(ann), load(bob)]).toEqual([1, 0]);
    const decisions = await store.decisions.query({ conversationId: id, limit: 20 });
    expect(decisions.find((d) => d.event === 'transfer-failed')).toMatchObject({ agentId: ann });
  });

  it('a transfer nobody accepts in time leaves the chat with the sender; both are told, capacity stays right', async () => {
    const id = chat.conv.rec.id;
    await store.meta.setSettings({ ...(await store.meta.settings()), acceptTimeoutSec: 5 });
    await hub.workspaceChanged();
    expect(transfer(hub, ann, { conversationId: id, to: { agentId: bob }, note: 'VIP' })).toBeUndefined();
    await waitFor('transfer offer', () => bobTab.of('offer').length === 1);
    expect([load(ann), load(bob)]).toEqual([1, 1]);
    // Bob lets it lapse (the deadline is the workspace's accept timeout).
    await waitFor('lapsed', () => bobTab.of('offerGone').length === 1 && annTab.of('transfer').length === 2);
    expect(bobTab.of('offerGone')).toEqual([{ type: 'offerGone', conversationId: id, reason: 'timeout' }]);
    expect(annTab.of('transfer').map((m) => m.state)).toEqual(['pending', 'timeout']);
    expect(annTab.of('transfer')[1]).toMatchObject({ to: { id: bob } });
    expect(chat.conv.rec).toMatchObject({ status: 'live', agentId: ann });
    expect([load(ann), load(bob)]).toEqual([1, 0]);
    expect(await pendingOffers(hub, bob)).toEqual([]);
    // The visitor saw nothing of it, and Ann goes on with the chat.
    expect(chat.socket.of('agentJoined').map((i) => i.agent.id)).toEqual([ann]);
    expect(agentMessage(hub, ann, { id: 'm1', conversationId: id, text: 'Still me' }, () => {})).toBeUndefined();
    expect(accept(hub, bob, id)).toBeDefined();
    const decisions = await store.decisions.query({ conversationId: id, limit: 20 });
    expect(decisions.find((d) => d.event === 'transfer-failed')).toMatchObject({ agentId: ann });
    expect(decisions.find((d) => d.event === 'transfer-failed')?.why).toMatch(/did not accept|timeout|in time/);
  });

  it('refusals are clear and change nothing', async () => {
    const id = chat.conv.rec.id;
    const before = (await store.decisions.query({ conversationId: id, limit: 50 })).length;
    const refused = await Promise.all([
      transfer(hub, ann, { conversationId: id, to: { agentId: ann } }),
      transfer(hub, ann, { conversationId: id, to: { teamId: 'nope' } }),
      transfer(hub, ann, { conversationId: id, to: { agentId: 'u_nobody' } }),
      transfer(hub, bob, { conversationId: id, to: { agentId: ann } }),
      transfer(hub, ann, { conversationId: 'c_unknown', to: { agentId: bob } }),
    ]);
    expect(refused.map((e) => e?.code)).toEqual([
      'not-allowed',
      'not-allowed',
      'not-allowed',
      'not-found',
      'not-found',
    ]);
    expect(refused[0]!.message).toMatch(/themselves/);
    expect(refused[1]!.message).toMatch(/team nope is unknown/);
    // An agent without the live-chat permission, or away, cannot be offered a chat.
    await store.users.update(bob, { liveChat: false });
    await hub.workspaceChanged();
    expect((await transfer(hub, ann, { conversationId: id, to: { agentId: bob } }))?.message).toMatch(/not eligible/);
    await store.users.update(bob, { liveChat: true });
    await hub.workspaceChanged();
    setStatus(hub, bob, 'away');
    const name = hub.workspace.users.get(bob)!.name;
    expect((await transfer(hub, ann, { conversationId: id, to: { agentId: bob } }))?.message).toBe(
      `transfer refused: agent ${name} is not eligible (away)`,
    );
    await settle();
    expect(chat.conv.rec).toMatchObject({ status: 'live', agentId: ann });
    expect([load(ann), load(bob)]).toEqual([1, 0]);
    expect(bobTab.of('offer')).toHaveLength(0);
    expect(annTab.of('transfer')).toHaveLength(0);
    expect(await store.decisions.query({ conversationId: id, limit: 50 })).toHaveLength(before);
  });

  it('a visitor who ends while a transfer is pending withdraws it', async () => {
    const id = chat.conv.rec.id;
    transfer(hub, ann, { conversationId: id, to: { agentId: bob } });
    await waitFor('transfer offer', () => bobTab.of('offer').length === 1);
    visitorEnd(hub, chat.conv);
    await waitFor('withdrawn', () => bobTab.of('offerGone').length === 1);
    expect(bobTab.of('offerGone')[0]).toMatchObject({ reason: 'withdrawn' });
    expect(annTab.of('transfer').at(-1)).toMatchObject({ state: 'withdrawn' });
    expect(chat.conv.rec).toMatchObject({ status: 'ended', endReason: 'chat-ended' });
    expect([load(ann), load(bob)]).toEqual([0, 0]);
  });
});
