import type { ConversationSummary } from '../../../shared/api/conversations.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import type { Store } from '../store/store.ts';
import { can, type User } from '../store/users.ts';

/**
 * Who may read a conversation, and how one is summed up for the inbox: shared by the transcript and the visitor's
 * context. Readers are users with live chat or view-all.
 */
export function conversationAccess(store: Store) {
  const { conversations, users, dialogues } = store;
  const agentName = async (id: string | null) => (id ? ((await users.get(id))?.name ?? null) : null);
  return {
    reader: (u: User) => can.viewAllConversations(u) || can.liveChat(u),

    /**
     * View-all reads every conversation; an agent their own; one who claimed a missed chat follows it up, so its
     * transcript is theirs to read; and an agent who holds or held a chat with a visitor may read that visitor's
     * other conversations (the context beside the chat lists them).
     */
    async mayRead(user: User, c: ConversationRecord): Promise<boolean> {
      if (can.viewAllConversations(user) || c.agentId === user.id) return true;
      if ((await store.missed.get(c.id))?.claimedBy === user.id) return true;
      return (await conversations.query({ agentId: user.id, visitorId: c.visitorId, limit: 1 })).length > 0;
    },

    async summary(c: ConversationRecord): Promise<ConversationSummary> {
      return {
        id: c.id,
        visitorId: c.visitorId,
        visitor: (await conversations.visitor(c.visitorId))?.profile ?? {},
        dialogueId: c.dialogueId,
        dialogueName: (await dialogues.get(c.dialogueId))?.name ?? null,
        streamId: c.streamId,
        version: c.version,
        status: c.status,
        agentId: c.agentId,
        agentName: await agentName(c.agentId),
        startedAt: c.startedAt,
        connectedAt: c.connectedAt,
        endedAt: c.endedAt,
        endReason: c.endReason,
        lastSeq: c.lastSeq,
      };
    },
  };
}
