import { describe, expect, it } from 'vitest';
import { liveReducer } from './reducer.ts';
import { initialLiveState, type Chat, type LiveState } from './types.ts';
import type { LiveEvent } from './events.ts';
import { decodeServerMessage } from './wire.ts';

const chat = (id: string, extra: Partial<Chat> = {}): Chat => ({
  id,
  visitor: { id: `v-${id}`, attributes: { firstName: 'Ada', email: 'ada@x.test' } },
  transcript: [],
  messages: [],
  unread: 0,
  visitorTyping: false,
  ended: false,
  acceptedAt: 0,
  readUpTo: 0,
  ...extra,
});
const run = (events: LiveEvent[], from: LiveState = initialLiveState) => events.reduce(liveReducer, from);
const hello = (chats: Chat[]): LiveEvent => ({
  type: 'hello',
  me: { id: 'ann', name: 'Ann', avatarUrl: null, viewAll: false },
  status: 'online',
  maxChats: 3,
  acceptTimeoutSec: 45,
  chats,
  offers: [],
});

describe('liveReducer', () => {
  it("moves the agent's message from sending to sent on ack, then delivered and read on receipts", () => {
    let s = run([hello([chat('c1')]), { type: 'send', chatId: 'c1', clientId: 'k1', text: 'hi', at: 1 }]);
    expect(s.chats[0].messages[0]).toMatchObject({ delivery: 'sending', text: 'hi' });
    s = run([{ type: 'ack', chatId: 'c1', clientId: 'k1', seq: 7 }], s);
    expect(s.chats[0].messages[0]).toMatchObject({ delivery: 'sent', seq: 7, id: 'seq:7' });
    s = run(
      [
        { type: 'receipt', chatId: 'c1', upTo: 7, state: 'read' },
        { type: 'receipt', chatId: 'c1', upTo: 7, state: 'delivered' },
      ],
      s,
    );
    expect(s.chats[0].messages[0].delivery).toBe('read');
  });

  it('applies new settings pushed by the server without a reconnect', () => {
    const events = decodeServerMessage(
      JSON.stringify({ type: 'settings', settings: { acceptTimeoutSec: 20, maxChatsPerAgent: 4 } }),
      0,
    );
    const state = run([hello([]), ...events]);
    expect(state.maxChats).toBe(4);
    expect(state.acceptTimeoutSec).toBe(20);
  });

  it('counts unread visitor messages on chats that are not open and clears them on select', () => {
    let s = run([hello([chat('c1'), chat('c2')])]);
    expect(s.activeId).toBe('c1');
    const msg = (seq: number): LiveEvent => ({
      type: 'message',
      chatId: 'c2',
      message: { id: `seq:${seq}`, seq, from: 'visitor', text: 'hello', at: seq },
    });
    s = run([msg(1), msg(2), msg(2)], s);
    expect(s.chats[1].unread).toBe(2);
    expect(s.chats[1].messages).toHaveLength(2);
    s = run([{ type: 'select', chatId: 'c2' }], s);
    expect(s.chats[1].unread).toBe(0);
  });

  it("keeps unacknowledged messages and unread counts across a reconnect's hello", () => {
    let s = run([hello([chat('c1')]), { type: 'send', chatId: 'c1', clientId: 'k1', text: 'queued', at: 1 }]);
    s = run([{ type: 'connection', state: 'reconnecting' }], s);
    expect(s.ready).toBe(false);
    s = run(
      [hello([chat('c1', { messages: [{ id: 'seq:3', seq: 3, from: 'visitor', text: 'still there?', at: 2 }] })])],
      s,
    );
    expect(s.ready).toBe(true);
    expect(s.chats[0].messages.map((m) => m.text)).toEqual(['still there?', 'queued']);
    expect(s.chats[0].messages[1].delivery).toBe('sending');
  });

  it('leaves a note when an offer lapses and none when the agent declines', () => {
    const offer = (id: string) => ({
      id,
      visitor: { id: 'v', attributes: { firstName: 'Bo' } },
      deadline: 10,
      windowMs: 10,
    });
    let s = run([hello([]), { type: 'offer', offer: offer('o1') }, { type: 'offer', offer: offer('o2') }]);
    expect(s.offers).toHaveLength(2);
    s = run(
      [
        { type: 'offerGone', id: 'o1', reason: 'timeout' },
        { type: 'decided', id: 'o2' },
      ],
      s,
    );
    expect(s.offers).toHaveLength(0);
    expect(s.notices).toEqual([{ id: 'offer:o1', kind: 'offerLapsed', name: 'Bo' }]);
  });

  it('opens an accepted chat and focuses it, and marks it ended when the visitor leaves', () => {
    let s = run([hello([chat('c1')]), { type: 'opened', chat: chat('c2') }]);
    expect(s.activeId).toBe('c2');
    s = run([{ type: 'ended', chatId: 'c2', by: 'visitor' }], s);
    expect(s.chats.find((c) => c.id === 'c2')).toMatchObject({ ended: true, endedBy: 'visitor' });
    s = run([{ type: 'closeChat', chatId: 'c2' }], s);
    expect(s.chats.map((c) => c.id)).toEqual(['c1']);
    expect(s.activeId).toBe('c1');
  });
});

describe('decodeServerMessage', () => {
  it("re-bases an offer deadline on the browser clock using the server's now", () => {
    const raw = JSON.stringify({
      type: 'offer',
      now: 1_000_000,
      offer: {
        conversationId: 'c9',
        visitorId: 'v9',
        offeredAt: 1_000_000,
        deadline: 1_045_000,
        visitor: { firstName: 'Kim' },
        dialogueName: 'Demo',
        why: 'round robin',
      },
    });
    const [ev] = decodeServerMessage(raw, 5_000);
    expect(ev).toMatchObject({ type: 'offer', offer: { id: 'c9', deadline: 50_000, windowMs: 45_000 } });
  });

  it("splits a chat's transcript where the agent joined and turns bad frames into an error notice", () => {
    const agent = { id: 'ann', name: 'Ann', avatarUrl: null };
    const raw = JSON.stringify({
      type: 'chatOpened',
      chat: {
        conversationId: 'c1',
        visitorId: 'v1',
        visitor: {},
        dialogueName: 'Demo',
        startedAt: 1,
        connectedAt: 5,
        status: 'live',
        lastSeq: 4,
        readUpTo: 0,
        items: [
          { type: 'bot', seq: 1, at: 1, cardId: 'hello', text: 'Hi' },
          { type: 'visitor', seq: 2, at: 2, text: 'Yes', clientId: 'x', cardId: 'ask' },
          { type: 'agentJoined', seq: 3, at: 5, agent },
          { type: 'agent', seq: 4, at: 6, text: 'Hello!', clientId: 'y', agent },
        ],
      },
    });
    const [ev] = decodeServerMessage(raw, 0);
    if (ev.type !== 'opened') throw new Error(ev.type);
    expect(ev.chat.transcript.map((m) => m.text)).toEqual(['Hi', 'Yes']);
    expect(ev.chat.messages.map((m) => m.system?.kind ?? m.text)).toEqual(['agentJoined', 'Hello!']);
    expect(decodeServerMessage('{"type":"nope"}', 0)[0]).toMatchObject({ type: 'error', code: 'bad-message' });
    expect(decodeServerMessage('not json', 0)[0]).toMatchObject({ type: 'error' });
  });

  it('shows a pending transfer on the chat; an accept lets the chat go, a decline keeps it, each with a note', () => {
    let s = run([hello([chat('c1'), chat('c2')]), { type: 'select', chatId: 'c1' }]);
    s = run([{ type: 'transfer', chatId: 'c1', state: 'pending', to: 'Bea' }], s);
    expect(s.chats[0].transferTo).toBe('Bea');
    const declined = run([{ type: 'transfer', chatId: 'c1', state: 'declined', to: 'Bea' }], s);
    expect(declined.chats[0].transferTo).toBeUndefined();
    expect(declined.notices).toEqual([expect.objectContaining({ kind: 'transferDeclined', name: 'Bea' })]);
    const accepted = run([{ type: 'transfer', chatId: 'c1', state: 'accepted', to: 'Bea' }], s);
    expect(accepted.chats.map((c) => c.id)).toEqual(['c2']);
    expect(accepted.activeId).toBe('c2');
    expect(accepted.notices).toEqual([expect.objectContaining({ kind: 'transferAccepted', name: 'Bea' })]);
  });

  it("a transfer offer that lapses notes the sender's name, not a fallback", () => {
    const [offer] = decodeServerMessage(
      JSON.stringify({
        type: 'offer',
        now: 1000,
        offer: {
          conversationId: 'c9',
          visitorId: 'v9',
          offeredAt: 1000,
          deadline: 46000,
          visitor: { firstName: 'Ada' },
          dialogueName: 'Demo',
          why: 'w',
          transfer: { from: { id: 'ann', name: 'Ann', avatarUrl: null }, note: 'VIP' },
        },
      }),
      1000,
    );
    expect(offer).toMatchObject({ type: 'offer', offer: { transfer: { from: 'Ann', note: 'VIP' } } });
    const s = run([hello([]), offer, { type: 'offerGone', id: 'c9', reason: 'timeout' }]);
    expect(s.notices).toEqual([expect.objectContaining({ kind: 'transferLapsed', name: 'Ann' })]);
  });

  it('counts the missed chats the socket announces (the Missed list reloads on each)', () => {
    const frame = JSON.stringify({ type: 'missed', conversationId: 'c7', at: 1, reason: 'no-eligible-agent' });
    const events = decodeServerMessage(frame, 0);
    expect(events).toEqual([{ type: 'missed', chatId: 'c7' }]);
    expect(run([hello([]), ...events, ...events]).missedCount).toBe(2);
  });
});
