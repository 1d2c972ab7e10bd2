import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../testing/waitFor.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import type { Hub } from './hub.ts';
import { FakeSocket, openDemoHub, type DemoHub } from './testHub.ts';
import { leaveMessage, MISSED_KEEP_MS, pendingMissed } from './missed.ts';
import { LocalBroker } from '../cluster/localBus.ts';
import { PeerRelay } from '../cluster/peerRelay.ts';
import { Presence } from '../cluster/presence.ts';
import { PeerSet, type AgentPeer, type VisitorPeer } from './peers.ts';
import { planStart, reply, startConversation } from './visitorOps.ts';

describe('missed chats: every fallback is one, and the visitor may leave a message', () => {
  let demo: DemoHub;
  let store: Store;
  let hub: Hub;

  beforeEach(async () => {
    demo = await openDemoHub('missed');
    ({ store, hub } = demo);
  });
  afterEach(() => demo.close());

  /** A visitor who asks for a person while every agent is offline (the demo's agents start offline). */
  const missedVisitor = async () => {
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
    await waitFor('missed', () => socket.of('missed').length === 1);
    return { id, visitorId, socket };
  };

  it('records the fallback as a missed chat and tells the widget, after the fallback text', async () => {
    const { id, visitorId, socket } = await missedVisitor();
    const types = socket.got.map((m) => m.type);
    expect(types.indexOf('missed')).toBeGreaterThan(types.indexOf('fallback'));
    expect(socket.of('missed')[0]).toEqual({ type: 'missed', conversationId: id, emailKnown: true });
    expect(await store.missed.get(id)).toMatchObject({
      visitorId,
      reason: 'no-eligible-agent',
      message: null,
      claimedBy: null,
    });
    const [fallback] = await store.decisions.query({ conversationId: id, limit: 5 });
    expect(fallback).toMatchObject({ event: 'fallback', reason: 'no-eligible-agent' });
  });

  it('keeps the messages the visitor leaves; asks for a valid email when none is known', async () => {
    const { id, visitorId } = await missedVisitor();
    let stored = 0;
    const done = () => void stored++;
    expect(await leaveMessage(hub, id, visitorId, { id: 'm1', text: 'Call me back, please' }, done)).toBeUndefined();
    // Resent at once (before it is durable) and later: acknowledged each time, stored once.
    expect(await leaveMessage(hub, id, visitorId, { id: 'm1', text: 'Call me back, please' }, done)).toBeUndefined();
    await waitFor('stored', () => stored === 2);
    expect(await leaveMessage(hub, id, visitorId, { id: 'm1', text: 'Call me back, please' }, done)).toBeUndefined();
    await waitFor('acknowledged', () => stored === 3);
    expect(await store.missed.get(id)).toMatchObject({
      message: 'Call me back, please',
      email: null,
      messageIds: ['m1'],
    });

    // Someone else's conversation, or none: refused.
    expect(await leaveMessage(hub, id, 'v_other', { id: 'x', text: 'x' }, done)).toMatchObject({ code: 'not-allowed' });
    expect(await leaveMessage(hub, undefined, visitorId, { id: 'x', text: 'x' }, done)).toMatchObject({
      code: 'not-allowed',
    });

    // Without a known email the message needs one, and it must look like one.
    await store.conversations.setProfile(visitorId, { firstName: 'Ada' });
    expect(await leaveMessage(hub, id, visitorId, { id: 'm2', text: 'again' }, done)).toMatchObject({
      code: 'not-allowed',
      message: 'give an email to reply to',
    });
    expect((await leaveMessage(hub, id, visitorId, { id: 'm2', text: 'again', email: 'ada@' }, done))?.message).toMatch(
      /email/,
    );
    expect(
      await leaveMessage(hub, id, visitorId, { id: 'm2', text: 'About pricing', email: 'ada@example.org' }, done),
    ).toBeUndefined();
    await waitFor('stored', () => stored === 4);
    expect(await store.missed.get(id)).toMatchObject({
      message: 'Call me back, please\n\nAbout pricing',
      email: 'ada@example.org',
    });
    expect((await store.conversations.visitor(visitorId))?.profile).toEqual({
      firstName: 'Ada',
      email: 'ada@example.org',
    });
  });

  it('hands a returning visitor their missed chat until a message is left, for a day', async () => {
    const { id, visitorId } = await missedVisitor();
    const now = hub.now();
    expect(await pendingMissed(store, visitorId, now)).toMatchObject({ conversation: { id }, emailKnown: true });
    expect(await pendingMissed(store, visitorId, now, id)).toMatchObject({ conversation: { id } });
    // Not someone else's, not after a day.
    expect(await pendingMissed(store, 'v_other', now, id)).toBeUndefined();
    expect(await pendingMissed(store, visitorId, now + MISSED_KEEP_MS + 1)).toBeUndefined();
    // No email known any more: the box asks for one again.
    await store.conversations.setProfile(visitorId, { firstName: 'Ada' });
    expect(await pendingMissed(store, visitorId, now)).toMatchObject({ emailKnown: false });
    let stored = false;
    const err = await leaveMessage(hub, id, visitorId, { id: 'm1', text: 'hi', email: 'ada@example.org' }, () => {
      stored = true;
    });
    expect(err).toBeUndefined();
    await waitFor('stored', () => stored);
    expect(await pendingMissed(store, visitorId, now)).toBeUndefined();
  });

  it("tells the pool's agents at once, on this node and on the others", async () => {
    // This hub is node n1 of a cluster; node n2 holds a tab of Bea's. Alex's tab is here (both start offline).
    const broker = new LocalBroker();
    hub.joinCluster({ bus: broker.bus('n1'), presence: new Presence({ bus: broker.bus('n1p') }) });
    const n2 = { visitors: new PeerSet<VisitorPeer>(), agents: new PeerSet<AgentPeer>() };
    new PeerRelay(broker.bus('n2'), n2).start();
    const users = await store.users.list();
    const id = (email: string) => users.find((u) => u.email === email)!.id;
    const alexTab = new FakeSocket();
    const beaTab = new FakeSocket();
    hub.agents.add(id('agent@demo.test'), { userId: id('agent@demo.test'), token: 't', ...alexTab });
    n2.agents.add(id('agent2@demo.test'), { userId: id('agent2@demo.test'), token: 't', ...beaTab });
    const adminTab = new FakeSocket();
    hub.agents.add(id('admin@demo.test'), { userId: id('admin@demo.test'), token: 't', ...adminTab });

    const { id: conversationId } = await missedVisitor();
    const expected = { type: 'missed', conversationId, at: expect.any(Number), reason: 'no-eligible-agent' };
    await waitFor('both agents told', () => alexTab.of('missed').length === 1 && beaTab.of('missed').length === 1);
    expect(alexTab.of('missed')[0]).toEqual(expected);
    expect(beaTab.of('missed')[0]).toEqual(expected);
    expect(adminTab.of('missed')).toEqual([]);
  });
});
