import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../testing/waitFor.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { setStatus } from './agentOps.ts';
import type { Conv } from './conv.ts';
import type { Hub } from './hub.ts';
import { FakeSocket, openDemoHub, type DemoHub } from './testHub.ts';
import { accept, agentEnd, decline, pendingOffers } from './liveChat.ts';
import { planStart, reply, startConversation, visitorEnd } from './visitorOps.ts';

describe('live chat: offer, accept, decline and end in one module', () => {
  let demo: DemoHub;
  let store: Store;
  let hub: Hub;
  let agents: string[];

  beforeEach(async () => {
    demo = await openDemoHub('livechat');
    ({ store, hub } = demo);
    agents = (await store.users.list()).filter((u) => u.roles.includes('agent')).map((u) => u.id);
  });
  afterEach(() => demo.close());

  const agentSocket = (userId: string) => {
    const s = new FakeSocket();
    hub.agents.add(userId, { userId, token: 't', send: s.send, close: s.close });
    return s;
  };

  /** A visitor who runs the demo stream to its live-chat hand-off, with one socket. */
  const waitingVisitor = async (): Promise<{ conv: Conv; socket: FakeSocket }> => {
    const socket = new FakeSocket();
    const visitorId = newId('v');
    const plan = await planStart(hub, visitorId, 'd_demo', 'http://localhost/demo');
    if ('code' in plan) throw new Error(plan.message);
    const id = newId('c');
    hub.visitors.add(id, { send: socket.send, close: socket.close });
    const conv = startConversation(hub, id, visitorId, plan);
    const noAck = () => {};
    for (const r of [
      { id: 'r1', cardId: 'ask', answerId: 'yes' },
      { id: 'r2', cardId: 'name', text: 'Ada' },
      { id: 'r3', cardId: 'email', text: 'ada@example.com' },
    ]) {
      expect(reply(hub, conv, r, noAck)).toBeUndefined();
    }
    await waitFor('waiting', () => socket.of('waiting').length > 0);
    return { conv, socket };
  };

  const online = async (...ids: string[]) => {
    for (const id of ids) setStatus(hub, id, 'online');
    await new Promise<void>((r) => hub.after(r));
  };

  it('offers to one agent with the same offer the agent gets on hello, and an accept connects both sides', async () => {
    const [ann, bob] = agents;
    const annTabs = [agentSocket(ann), agentSocket(ann)];
    const bobTab = agentSocket(bob);
    await online(ann, bob);
    const { conv, socket } = await waitingVisitor();
    const holder = await waitFor('an offer', () =>
      [...annTabs, bobTab].some((s) => s.of('offer').length)
        ? hub.router.state.visitors.get(conv.rec.id)?.offer?.agent
        : undefined,
    );
    const tabs = holder === ann ? annTabs : [bobTab];
    const other = holder === ann ? bobTab : annTabs[0];
    for (const t of tabs) expect(t.of('offer')).toHaveLength(1);
    expect(other.of('offer')).toHaveLength(0);
    const [offered] = tabs[0].of('offer');
    expect(offered.offer).toMatchObject({ conversationId: conv.rec.id, visitor: { firstName: 'Ada' } });
    // `hello` shows the very same offer (one builder).
    expect(await pendingOffers(hub, holder!)).toEqual([offered.offer]);

    // Only the holder may accept.
    expect(accept(hub, holder === ann ? bob : ann, conv.rec.id)).toMatchObject({ code: 'not-found' });
    expect(accept(hub, holder!, conv.rec.id)).toBeUndefined();
    await waitFor('connected', () => socket.of('agentJoined').length === 1 && tabs[0].of('chatOpened').length === 1);
    for (const t of tabs) {
      expect(t.of('offerGone')).toEqual([{ type: 'offerGone', conversationId: conv.rec.id, reason: 'accepted' }]);
      expect(t.of('chatOpened')[0].chat).toMatchObject({ conversationId: conv.rec.id, status: 'live' });
    }
    expect(conv.rec).toMatchObject({ status: 'live', agentId: holder });
    // A second accept changes nothing.
    expect(accept(hub, holder!, conv.rec.id)).toMatchObject({ code: 'not-found' });
  });

  it('a decline counts like a timeout: the visitor gets the fallback and the conversation ends', async () => {
    const [ann] = agents;
    const tab = agentSocket(ann);
    await online(ann);
    const { conv, socket } = await waitingVisitor();
    await waitFor('offer', () => tab.of('offer').length === 1);
    expect(decline(hub, ann, conv.rec.id)).toBeUndefined();
    await waitFor('fallback', () => socket.of('ended').length === 1);
    expect(tab.of('offerGone')).toEqual([{ type: 'offerGone', conversationId: conv.rec.id, reason: 'declined' }]);
    expect(socket.of('fallback')[0]).toMatchObject({ reason: 'accept-timeout' });
    expect(conv.rec.status).toBe('ended');
    expect(hub.router.state.agents.get(ann)!.load).toBe(0);
  });

  it('a visitor who ends while offered withdraws the offer; an agent who ends a chat frees the slot', async () => {
    const [ann] = agents;
    const tab = agentSocket(ann);
    await online(ann);
    const first = await waitingVisitor();
    await waitFor('offer', () => tab.of('offer').length === 1);
    visitorEnd(hub, first.conv);
    await waitFor('withdrawn', () => tab.of('offerGone').length === 1);
    expect(tab.of('offerGone')[0]).toMatchObject({ reason: 'withdrawn' });
    expect(first.conv.rec).toMatchObject({ status: 'ended', endReason: 'abandoned' });

    const second = await waitingVisitor();
    await waitFor('second offer', () => tab.of('offer').length === 2);
    accept(hub, ann, second.conv.rec.id);
    await waitFor('connected', () => tab.of('chatOpened').length === 1);
    expect(hub.router.state.agents.get(ann)!.load).toBe(1);
    expect(agentEnd(hub, ann, 'c_unknown')).toMatchObject({ code: 'not-found' });
    expect(agentEnd(hub, ann, second.conv.rec.id)).toBeUndefined();
    await waitFor('ended', () => second.socket.of('ended').length === 1);
    expect(second.socket.of('chatEnded')).toEqual([expect.objectContaining({ by: 'agent' })]);
    expect(tab.of('item').map((m) => m.item.type)).toEqual(expect.arrayContaining(['chatEnded', 'ended']));
    expect(second.conv.rec).toMatchObject({ status: 'ended', endReason: 'chat-ended' });
    expect(hub.router.state.agents.get(ann)!.load).toBe(0);
  });
});
