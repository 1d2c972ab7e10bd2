import type { ConversationRecord } from '../conversations.ts';

/** A conversation record for store tests: `visitorId`'s conversation of stream `s_1` started at `at`, ended, nothing
 * else recorded; `more` sets the fields a test cares about. */
export function testConversation(
  id: string,
  visitorId: string,
  at: number,
  more: Partial<ConversationRecord> = {},
): ConversationRecord {
  return {
    id,
    visitorId,
    dialogueId: 'd_1',
    streamId: 's_1',
    version: 1,
    status: 'ended',
    engine: {},
    agentId: null,
    routing: null,
    lastSeq: 0,
    engaged: true,
    agentDelivered: 0,
    agentRead: 0,
    visitorDelivered: 0,
    visitorRead: 0,
    startedAt: at,
    updatedAt: at,
    connectedAt: null,
    endedAt: null,
    endReason: null,
    ...more,
  };
}
