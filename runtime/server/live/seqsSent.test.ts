import { describe, expect, it } from 'vitest';
import { agentSent, SeqsSent, visitorSent, type ChatSeqsSent } from './seqsSent.ts';

const lacking = (s: SeqsSent, upTo: number) => [...Array(upTo).keys()].map((i) => i + 1).filter((q) => s.lacks(q));

describe('SeqsSent', () => {
  it('is one number while entries come in order', () => {
    const s = new SeqsSent();
    for (let q = 1; q <= 5; q++) s.sent(q);
    expect(lacking(s, 7)).toEqual([6, 7]);
  });

  it('keeps the seqs skipped until they come, or a catch-up sends them', () => {
    const s = new SeqsSent(2);
    s.sent(5); // 3 and 4 still on their way
    s.sent(8); // 6 and 7 too
    expect(lacking(s, 9)).toEqual([3, 4, 6, 7, 9]);
    s.sent(4);
    s.sent(6);
    expect(lacking(s, 9)).toEqual([3, 7, 9]);
    s.caughtUp(5);
    expect(lacking(s, 9)).toEqual([7, 9]);
    s.caughtUp(9);
    expect(lacking(s, 11)).toEqual([10, 11]);
  });

  it('follows a visitor socket: welcome and started begin anew, entries and acks count', () => {
    const s = new SeqsSent();
    visitorSent(s, { type: 'welcome', conversation: { lastSeq: 4, items: [{ seq: 6 }] } } as never);
    expect(lacking(s, 7)).toEqual([7]);
    visitorSent(s, { type: 'ack', id: 'm', seq: 8 });
    expect(lacking(s, 9)).toEqual([7, 9]);
    visitorSent(s, { type: 'started' } as never);
    expect(lacking(s, 2)).toEqual([1, 2]);
  });

  it('follows an agent socket chat by chat', () => {
    const chats: ChatSeqsSent = new Map();
    agentSent(chats, { type: 'hello', chats: [{ conversationId: 'c1', lastSeq: 3 }] } as never);
    agentSent(chats, { type: 'chatOpened', chat: { conversationId: 'c2', lastSeq: 7 } } as never);
    agentSent(chats, { type: 'item', conversationId: 'c1', item: { type: 'visitor', seq: 5 } } as never);
    agentSent(chats, { type: 'ack', id: 'a', conversationId: 'c2', seq: 8 });
    expect(lacking(chats.get('c1')!, 6)).toEqual([4, 6]);
    expect(lacking(chats.get('c2')!, 9)).toEqual([9]);
    agentSent(chats, { type: 'item', conversationId: 'c2', item: { type: 'ended', seq: 9 } } as never);
    expect(chats.has('c2')).toBe(false);
  });
});
