import type { Chat } from '../../../shared/protocol/agent.ts';
import type { DeliveryState, TranscriptItem, VisitorItem } from '../../../shared/protocol/common.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import type { Conv } from './conv.ts';
import type { Hub } from './hub.ts';

/** Stored entries with `seq > after`, chat messages carrying their current delivery state. */
export async function transcript(
  hub: Pick<Hub, 'store'>,
  rec: ConversationRecord,
  after = 0,
): Promise<TranscriptItem[]> {
  return (await hub.store.conversations.items(rec.id, after)).map((item) => withState(rec, item));
}

/** What the visitor may see of the transcript: everything but internal notes. Every transcript a visitor's
 * socket gets goes through here. */
export async function visitorTranscript(
  hub: Pick<Hub, 'store'>,
  rec: ConversationRecord,
  after = 0,
): Promise<VisitorItem[]> {
  return forVisitor(await transcript(hub, rec, after));
}

/** The entries of a transcript the visitor may see: all but internal notes. */
export function forVisitor(items: TranscriptItem[]): VisitorItem[] {
  return items.filter((i): i is VisitorItem => i.type !== 'note');
}

export function withState(rec: ConversationRecord, item: TranscriptItem): TranscriptItem {
  if (item.type === 'visitor' && !item.cardId)
    return { ...item, state: stateOf(item.seq, rec.agentDelivered, rec.agentRead) };
  if (item.type === 'agent') return { ...item, state: stateOf(item.seq, rec.visitorDelivered, rec.visitorRead) };
  return item;
}

function stateOf(seq: number, delivered: number, read: number): DeliveryState {
  return seq <= read ? 'read' : seq <= delivered ? 'delivered' : 'sent';
}

/** A held chat as the agent's inbox shows it: profile, whole transcript (bot part too), read state. */
export async function chatSnapshot(
  hub: Hub,
  conv: Conv | { rec: ConversationRecord; profile: Record<string, string>; dialogueName: string },
): Promise<Chat> {
  const rec = conv.rec;
  const items = await transcript(hub, rec);
  return {
    conversationId: rec.id,
    visitorId: rec.visitorId,
    visitor: { ...conv.profile },
    dialogueName: conv.dialogueName,
    startedAt: rec.startedAt,
    connectedAt: rec.connectedAt ?? rec.startedAt,
    status: rec.status === 'ended' ? 'ended' : 'live',
    items,
    lastSeq: items.length ? items[items.length - 1].seq : 0,
    readUpTo: rec.visitorRead,
  };
}
