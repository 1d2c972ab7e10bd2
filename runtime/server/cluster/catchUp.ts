import type { Conv } from '../live/conv.ts';
import type { Hub } from '../live/hub.ts';
import type { SeqsSent } from '../live/seqsSent.ts';
import { forVisitor, transcript } from '../live/snapshots.ts';
import { mergeRecord } from './mergeRecord.ts';

/**
 * After a gap on the bus (Redis restarted, another node could not publish for a while, or died between a commit
 * and its publish), what other nodes stored of the live chats this node serves never reached its sockets: a
 * visitor here and an agent elsewhere would each see only their own messages until they reconnected. This reads
 * each such conversation back from the store — this node's copy takes in what the others changed meanwhile
 * (status, receipts, client ids) — and sends each of its sockets the entries it lacks (`SeqsSent`, kept with the
 * socket), so that a long chat after a Redis blip is not sent again whole. Only waiting and live chats: a
 * conversation with the bot runs on the node of its visitor's socket, and nothing of it came through the bus.
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
    const agentId = conv.rec.agentId;
    const agents = agentId ? hub.agents.get(agentId) : [];
    if (!visitors.length && !agents.length) continue;
    const items = await transcript(hub, conv.rec);
    const last = items.length ? items[items.length - 1].seq : 0;
    const visible = forVisitor(items);
    for (const p of visitors) {
      const sent = p.sent;
      for (const item of lacking(visible, sent)) p.send(item);
      sent?.caughtUp(last);
    }
    for (const p of agents) {
      const sent = p.sent?.get(id);
      for (const item of lacking(items, sent)) p.send({ type: 'item', conversationId: id, item });
      sent?.caughtUp(last);
    }
    if (conv.rec.status === 'ended' && hub.convs.get(id) === conv) hub.convs.delete(id);
  }
  return convs.size;
}

/** The entries a socket lacks; when it is not known what it has, those from the hand-off (`waiting`) on: what
 * came before happened on the visitor's node, whose sockets had it at once, and the agent's `chatOpened` carries it. */
function lacking<T extends { type: string; seq: number }>(items: T[], sent: SeqsSent | undefined): T[] {
  if (sent) return items.filter((i) => sent.lacks(i.seq));
  return items.slice(
    Math.max(
      0,
      items.findIndex((i) => i.type === 'waiting'),
    ),
  );
}
