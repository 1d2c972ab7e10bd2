import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { AgentStatus, Chat, Offer } from '../../../shared/protocol/agent.ts';
import { agentView } from '../../../shared/routing/queries.ts';
import type { Hub } from './hub.ts';
import { storedElsewhere } from './storedElsewhere.ts';
import { heldChat, pendingOffers } from './liveChat.ts';
import type { OpError } from './opError.ts';
import { agentRead, delivered } from './receipts.ts';
import { chatSnapshot } from './snapshots.ts';

/** The agent's pending offers and held chats, as the routing engine knows them (for `hello`). */
export async function agentState(hub: Hub, userId: string): Promise<{ offers: Offer[]; chats: Chat[] }> {
  const offers = await pendingOffers(hub, userId);
  const chats: Chat[] = [];
  for (const id of agentView(hub.router.state, userId)?.chats ?? []) {
    const conv = await hub.conv(id);
    if (conv) chats.push(await chatSnapshot(hub, conv));
  }
  return { offers, chats };
}

/** Availability: stored, told to the routing engine and to every tab of the agent. */
export function setStatus(hub: Hub, userId: string, status: AgentStatus): void {
  hub.write(() => void hub.store.users.update(userId, { status }));
  hub.route({ type: 'status', agent: userId, status });
  hub.agentStatus(userId, status);
  hub.after(() => hub.toAgent(userId, { type: 'status', status }));
}

/** An agent's chat message: stored (idempotent by client id), acknowledged, then relayed. */
export function agentMessage(
  hub: Hub,
  userId: string,
  msg: { id: string; conversationId: string; text: string },
  stored: (seq: number) => void,
): OpError | undefined | Promise<OpError | undefined> {
  const conv = heldChat(hub, userId, msg.conversationId);
  if ('code' in conv) {
    // A resend after the chat ended still gets its ack when the message was stored.
    return hub.store.conversations.seqOfClientId(msg.conversationId, `a:${userId}`, msg.id).then((ended) => {
      if (ended === undefined) return conv;
      hub.after(() => stored(ended));
      return undefined;
    });
  }
  const sender = `a:${userId}` as const;
  const seen = hub.seqOf(conv, sender, msg.id);
  if (seen !== undefined) return void hub.after(() => stored(seen));
  const [item] = hub.append(
    conv,
    [{ type: 'agent', text: msg.text, clientId: msg.id, agent: hub.agentCard(userId) }],
    sender,
    msg.id,
  );
  hub.metrics.message('agent');
  hub.after(() => {
    stored(item.seq);
    if (storedElsewhere(item)) return;
    hub.broadcast(conv, [{ ...item, state: 'sent' } as TranscriptItem]);
    if (hub.connected('visitor', conv.rec.id)) delivered(hub, conv, 'visitor', item.seq);
  });
  return undefined;
}

/**
 * An internal note in a chat the agent holds: stored in the transcript (idempotent by client id) and acknowledged
 * like a message, then shown to the agents holding the chat — never to the visitor (not broadcast; the visitor's
 * transcripts leave notes out: `visitorTranscript`).
 */
export function agentNote(
  hub: Hub,
  userId: string,
  msg: { id: string; conversationId: string; text: string },
  stored: (seq: number) => void,
): OpError | undefined {
  const conv = heldChat(hub, userId, msg.conversationId);
  if ('code' in conv) return conv;
  const sender = `a:${userId}` as const;
  const seen = hub.seqOf(conv, sender, msg.id);
  if (seen !== undefined) return void hub.after(() => stored(seen));
  const [item] = hub.append(
    conv,
    [{ type: 'note', text: msg.text, clientId: msg.id, agent: hub.agentCard(userId) }],
    sender,
    msg.id,
  );
  hub.metrics.message('note');
  hub.after(() => {
    stored(item.seq);
    if (!storedElsewhere(item)) hub.toAgent(userId, { type: 'item', conversationId: conv.rec.id, item });
  });
  return undefined;
}

/** The agent has read the visitor's messages up to `upTo` in a chat they hold. */
export function agentReadUpTo(hub: Hub, userId: string, conversationId: string, upTo: number): OpError | undefined {
  const conv = heldChat(hub, userId, conversationId);
  if ('code' in conv) return conv;
  agentRead(hub, conv, upTo);
  return undefined;
}
