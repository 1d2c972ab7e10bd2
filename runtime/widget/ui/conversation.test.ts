import { describe, expect, it } from 'vitest';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import {
  acknowledge,
  activeAsk,
  deliveryOf,
  EMPTY,
  fromSnapshot,
  lastSeq,
  receive,
  revealNext,
  type Conversation,
} from './conversation.ts';

const bot = (seq: number, text = 'Hi'): TranscriptItem => ({ type: 'bot', seq, at: seq, cardId: 'hello', text });
const question = (seq: number): TranscriptItem => ({
  type: 'ask',
  seq,
  at: seq,
  cardId: 'ask',
  prompt: 'Talk to sales?',
  kind: 'question',
  answers: [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No thanks' },
  ],
});
const capture = (seq: number): TranscriptItem => ({
  type: 'ask',
  seq,
  at: seq,
  cardId: 'email',
  prompt: 'Email?',
  kind: 'capture',
  attribute: 'email',
  input: 'text',
});

function drain(c: Conversation): Conversation {
  while (c.queue.length) c = revealNext(c);
  return c;
}

describe('conversation', () => {
  it('queues live bot entries (typing delay) and keeps later entries behind them in order', () => {
    let c = receive(EMPTY, bot(1), true);
    c = receive(c, { type: 'waiting', seq: 2, at: 2 }, true);
    expect(c.items).toEqual([]);
    expect(c.queue.map((i) => i.seq)).toEqual([1, 2]);
    c = revealNext(c);
    expect(c.items.map((i) => i.seq)).toEqual([1]);
    expect(c.status).toBe('bot');
    c = revealNext(c);
    expect(c.status).toBe('waiting');
    expect(lastSeq(c)).toBe(2);
  });

  it('shows snapshot entries at once and ignores a repeated seq', () => {
    const snap = { id: 'c1', dialogueId: 'd1', status: 'bot' as const, agent: null, items: [bot(1), question(2)] };
    let c = fromSnapshot(EMPTY, snap);
    expect(c.items.map((i) => i.seq)).toEqual([1, 2]);
    c = receive(c, bot(1, 'again'), true);
    expect(c.items).toHaveLength(2);
    expect(c.queue).toHaveLength(0);
    expect(activeAsk(c)?.cardId).toBe('ask');
  });

  it('an answered ask is no longer active, and the ack turns the pending reply into a sent entry in place', () => {
    let c = drain(receive(receive(EMPTY, bot(1), true), question(2), true));
    expect(activeAsk(c)?.kind).toBe('question');
    c = { ...c, outbox: [{ clientId: 'r1', text: 'Yes', cardId: 'ask', answerId: 'yes' }] };
    expect(activeAsk(c)).toBeUndefined();
    c = receive(c, capture(4), true);
    c = acknowledge(c, 'r1', 3, 10);
    expect(c.outbox).toEqual([]);
    expect(c.items.map((i) => i.seq)).toEqual([1, 2, 3]);
    c = drain(c);
    expect(c.items.map((i) => i.type)).toEqual(['bot', 'ask', 'visitor', 'ask']);
    expect(activeAsk(c)?.cardId).toBe('email');
  });

  it('the visitor entry echoed to another tab clears the same pending message', () => {
    let c: Conversation = { ...EMPTY, status: 'live', outbox: [{ clientId: 'm1', text: 'hello' }] };
    c = receive(c, { type: 'visitor', seq: 7, at: 7, text: 'hello', clientId: 'm1' }, true);
    expect(c.outbox).toEqual([]);
    expect(c.items).toHaveLength(1);
  });

  it('follows the live chat: agent joined, receipts, ended', () => {
    let c: Conversation = { ...EMPTY, status: 'waiting' };
    const agent = { id: 'u1', name: 'Alex Agent', avatarUrl: null };
    c = receive(c, { type: 'agentJoined', seq: 5, at: 5, agent }, true);
    expect(c.status).toBe('live');
    expect(c.agent).toEqual(agent);
    const mine = { type: 'visitor' as const, seq: 6, at: 6, text: 'hi', clientId: 'm1' };
    c = receive(c, mine, true);
    expect(deliveryOf(c, mine)).toBe('sent');
    expect(deliveryOf({ ...c, delivered: 6 }, mine)).toBe('delivered');
    expect(deliveryOf({ ...c, delivered: 6, read: 6 }, mine)).toBe('read');
    c = receive(c, { type: 'ended', seq: 7, at: 7, reason: 'chat-ended' }, true);
    expect(c.status).toBe('ended');
    expect(activeAsk(c)).toBeUndefined();
  });
});
