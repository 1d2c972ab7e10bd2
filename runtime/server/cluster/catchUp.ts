import type { Conv } from '../live/conv.ts';
import type { Hub } from '../live/hub.ts';
import { transcript, visitorTranscript } from '../live/snapshots.ts';
import { mergeRecord } from './mergeRecord.ts';

/**
 * After a gap on the bus (Redis restarted, another node could not publish for a while, or died between a commit
 * and its publish), what other nodes
 * stored of the live chats this node serves never reached its sockets: a visitor here and an agent elsewhere
 * would each see only their own messages until they reconnected. This reads each such conversation back from the
 * store — this node's copy takes in what the others changed meanwhile (status, receipts, client ids) — and sends
 * its sockets the transcript again from the hand-off on; clients drop the entries whose seq they already have
 * (docs/protocol.md), so what they have is not shown twice. Only waiting and live chats: a conversation with the bot runs on the node
 * of its visitor's socket, and nothing of it came through the bus.
 */
export async function catchUpSockets(hub: Hub): Promise<number> {
  const convs = new Set<Conv>();
  for (const conv of hub.convs.values()) {
    const { id, status, agentId } = conv.rec;
    if (status !== 'waiting' && status !== 'live') continue;
    if (hub.visitors.has(id) || (agentId && hub.agents.has(agentId))) convs.add(conv);
  }
  for (const conv of convs) {
    const id = conv.rec.id;
    const [stored, keys] = await Promise.all([hub.store.conversations.get(id), hub.store.conversations.clientSeqs(id)]);
    if (!stored) continue;
    mergeRecord(conv.rec, stored);
    for (const [k, seq] of keys) conv.clientSeqs.set(k, seq);
    // Read after the merge, so that receipts are as stored. Sent to this node's sockets only (the other nodes
    // catch up on their own).
    const visitors = hub.visitors.get(id);
    if (visitors.length)
      for (const item of fromHandoff(await visitorTranscript(hub, conv.rec))) for (const p of visitors) p.send(item);
    const agentId = conv.rec.agentId;
    const agents = agentId ? hub.agents.get(agentId) : [];
    if (agents.length)
      for (const item of fromHandoff(await transcript(hub, conv.rec)))
        for (const p of agents) p.send({ type: 'item', conversationId: id, item });
    if (conv.rec.status === 'ended' && hub.convs.get(id) === conv) hub.convs.delete(id);
  }
  return convs.size;
}

/** The entries from the hand-off (`waiting`) on: what came before happened on the visitor's node, whose sockets
 * had it at once, and the agent's `chatOpened` carries it. */
function fromHandoff<T extends { type: string }>(items: T[]): T[] {
  return items.slice(
    Math.max(
      0,
      items.findIndex((i) => i.type === 'waiting'),
    ),
  );
}
