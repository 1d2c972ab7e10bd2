import type { ConversationRecord } from '../store/conversations.ts';

const ORDER = { bot: 0, waiting: 1, live: 2, ended: 3 } as const;

/**
 * Takes into this node's copy of a conversation's record what another node stored of it (published after its
 * commit). Several nodes change one conversation: the visitor's (engine, visitor receipts, the hand-off), the
 * routing owner's (connected, fallback), the agent's (agent receipts, the end). Seqs and receipts only grow; a
 * conversation never goes back to an earlier status (an ended one stays ended); the rest follows whichever copy
 * went further along, and the newer one when both are as far.
 */
export function mergeRecord(mine: ConversationRecord, theirs: ConversationRecord): void {
  mine.lastSeq = Math.max(mine.lastSeq, theirs.lastSeq);
  mine.agentDelivered = Math.max(mine.agentDelivered, theirs.agentDelivered);
  mine.agentRead = Math.max(mine.agentRead, theirs.agentRead);
  mine.visitorDelivered = Math.max(mine.visitorDelivered, theirs.visitorDelivered);
  mine.visitorRead = Math.max(mine.visitorRead, theirs.visitorRead);
  mine.engaged ||= theirs.engaged;
  const ahead = ORDER[theirs.status] - ORDER[mine.status];
  if (ahead > 0 || (ahead === 0 && theirs.updatedAt >= mine.updatedAt)) {
    mine.status = theirs.status;
    mine.agentId = theirs.agentId;
    mine.routing = theirs.routing;
    mine.connectedAt = theirs.connectedAt;
    mine.endedAt = theirs.endedAt;
    mine.endReason = theirs.endReason;
    mine.engine = theirs.engine;
    mine.updatedAt = Math.max(mine.updatedAt, theirs.updatedAt);
  }
}
