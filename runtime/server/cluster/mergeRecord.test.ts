import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../store/conversations.ts';
import { mergeRecord } from './mergeRecord.ts';

const rec = (over: Partial<ConversationRecord>): ConversationRecord => ({
  id: 'c_1',
  visitorId: 'v_1',
  dialogueId: 'd_1',
  streamId: 's_1',
  version: 1,
  status: 'waiting',
  engine: { status: 'waiting' },
  agentId: null,
  routing: null,
  lastSeq: 5,
  engaged: true,
  agentDelivered: 0,
  agentRead: 0,
  visitorDelivered: 0,
  visitorRead: 0,
  startedAt: 1,
  updatedAt: 10,
  connectedAt: null,
  endedAt: null,
  endReason: null,
  ...over,
});

describe('a conversation record changed on several nodes', () => {
  it('takes the routing owner connecting the chat, and keeps the higher seq and receipts of both', () => {
    const mine = rec({ lastSeq: 7, visitorRead: 3, updatedAt: 20 });
    mergeRecord(
      mine,
      rec({ status: 'live', agentId: 'u_1', connectedAt: 12, lastSeq: 6, agentRead: 4, updatedAt: 12 }),
    );
    expect(mine).toMatchObject({
      status: 'live',
      agentId: 'u_1',
      connectedAt: 12,
      lastSeq: 7,
      visitorRead: 3,
      agentRead: 4,
    });
  });

  it('never goes back: an ended conversation stays ended, a live one does not return to waiting', () => {
    const ended = rec({ status: 'ended', endedAt: 30, endReason: 'chat-ended', updatedAt: 30 });
    mergeRecord(ended, rec({ status: 'live', agentId: 'u_1', updatedAt: 40 }));
    expect(ended).toMatchObject({ status: 'ended', endReason: 'chat-ended', agentId: null });
    const live = rec({ status: 'live', agentId: 'u_1', updatedAt: 10 });
    mergeRecord(live, rec({ status: 'waiting', updatedAt: 50, visitorDelivered: 9 }));
    expect(live).toMatchObject({ status: 'live', agentId: 'u_1', visitorDelivered: 9 });
  });

  it('between copies as far along, takes the newer', () => {
    const mine = rec({ engine: { step: 1 }, updatedAt: 10 });
    mergeRecord(mine, rec({ engine: { step: 2 }, updatedAt: 11 }));
    expect(mine.engine).toEqual({ step: 2 });
    mergeRecord(mine, rec({ engine: { step: 0 }, updatedAt: 5 }));
    expect(mine.engine).toEqual({ step: 2 });
  });
});
