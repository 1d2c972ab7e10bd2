import type { ConversationStatus } from '../../../shared/protocol/visitor.ts';

/** A conversation's outcome as results, the leads table and `conversation.ended` name it (SPEC §8.7). */
export type Outcome = 'open' | 'completed' | 'handoff' | 'missed' | 'dropped';

/**
 * `open` while the bot or the queue still waits, `handoff` once an agent took it (live or ended after a chat),
 * `completed` at the end of a branch, `missed` when nobody took the chat (a fallback), `dropped` when the visitor
 * closed it before the end (with the bot or while waiting for an agent).
 */
export function outcomeOf(status: ConversationStatus, endReason: string | null): Outcome {
  if (status === 'live') return 'handoff';
  if (status !== 'ended') return 'open';
  switch (endReason) {
    case 'completed':
      return 'completed';
    case 'chat-ended':
      return 'handoff';
    case 'fallback':
      return 'missed';
    default:
      return 'dropped';
  }
}
