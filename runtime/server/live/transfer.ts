import type { Chat } from '../../../shared/protocol/agent.ts';
import type { Decision, TransferTarget } from '../../../shared/routing/types.ts';
import type { Conv } from './conv.ts';
import type { Hub } from './hub.ts';
import type { OpError } from './opError.ts';
import { chatSnapshot } from './snapshots.ts';

/**
 * Handing a held chat over to a colleague or a team (SPEC §4 "Transfer"). The routing engine decides (the target's
 * offer, its timeout, both agents' capacity); this module turns a refusal into a clear error and tells the
 * sender how the transfer stands. The target's offer and the chat's move are carried out with every other
 * routing decision (liveChat.ts), which calls the functions below.
 */
export function transfer(
  hub: Hub,
  agentId: string,
  msg: { conversationId: string; to: TransferTarget; note?: string },
): OpError | undefined | Promise<OpError | undefined> {
  const id = msg.conversationId;
  const conv = hub.cached(id);
  if (!conv || conv.rec.status !== 'live' || conv.rec.agentId !== agentId)
    return { code: 'not-found', message: `you hold no live chat ${id}` };
  // Among several nodes the routing owner decides elsewhere, later: its refusal comes back with its step.
  const refusal = hub.clustered ? hub.transferRefusal(agentId, id) : undefined;
  const result = hub.route({ type: 'transfer', agent: agentId, visitor: id, to: msg.to, note: msg.note });
  if (refusal) return refusal.then((why) => (why === undefined ? undefined : refused(hub, why)));
  if (result.decisions.length) return undefined;
  return refused(hub, result.notes.find((n) => n.visitor === id)?.text);
}

/** Refused by the engine: nothing changed; its note says why. */
function refused(hub: Hub, why = 'transfer refused'): OpError {
  return { code: 'not-allowed', message: withNames(hub, why) };
}

/** The engine speaks of agent ids; the person reading the refusal knows names. */
function withNames(hub: Hub, text: string): string {
  return text.replace(/\bu_[A-Za-z0-9_-]+/g, (id) => hub.workspace.users.get(id)?.name ?? id);
}

/**
 * The target got the transfer offer: the sender hears that it is pending. The note goes into the transcript as the
 * sender's internal note (agents only, like every note: never sent to the visitor, marked in transcripts and
 * exports), so that whoever holds the chat later reads why it was handed over.
 */
export function transferOffered(hub: Hub, conv: Conv, d: Decision): void {
  if (!d.from || !d.agent) return;
  const note = d.note?.trim();
  if (note) {
    const sender = `a:${d.from}` as const;
    // Keyed by the offer's time: one note per transfer, even when the decision is replayed.
    const clientId = `transfer-${d.at}`;
    if (hub.seqOf(conv, sender, clientId) === undefined) {
      const text = `Transfer to ${hub.agentCard(d.agent).name}: ${note}`;
      const [item] = hub.append(
        conv,
        [{ type: 'note', text, clientId, agent: hub.agentCard(d.from) }],
        sender,
        clientId,
      );
      const holder = d.from;
      hub.after(() => hub.toAgent(holder, { type: 'item', conversationId: conv.rec.id, item }));
    }
  }
  tellSender(hub, conv.rec.id, d.from, 'pending', d.agent);
}

/**
 * The target accepted: the chat moves to them (the visitor sees who joined), the sender's inbox lets it go,
 * the target's opens it.
 */
export function transferAccepted(hub: Hub, conv: Conv, d: Decision): void {
  const to = d.agent!;
  const from = d.from ?? conv.rec.agentId;
  conv.rec.agentId = to;
  hub.touch(conv);
  const items = hub.append(conv, [{ type: 'agentJoined', agent: hub.agentCard(to) }]);
  hub.after(async () => {
    hub.broadcast(conv, items, { skipAgents: true });
    const chat: Chat = await chatSnapshot(hub, conv);
    hub.toAgent(to, { type: 'offerGone', conversationId: conv.rec.id, reason: 'accepted' });
    hub.toAgent(to, { type: 'chatOpened', chat });
    if (from)
      hub.toAgent(from, { type: 'transfer', conversationId: conv.rec.id, state: 'accepted', to: hub.agentCard(to) });
  });
}

/** The target declined or let it lapse: the chat stays with the sender, who is told so. */
export function transferLapsed(hub: Hub, conv: Conv, d: Decision, how: 'declined' | 'timeout'): void {
  const holder = conv.rec.agentId;
  if (holder && d.agent) tellSender(hub, conv.rec.id, holder, how, d.agent);
}

/** The chat ended while a transfer was pending: the target's offer is gone, the sender hears it was withdrawn. */
export function transferWithdrawn(hub: Hub, conv: Conv, target: string): void {
  const id = conv.rec.id;
  hub.after(() => hub.toAgent(target, { type: 'offerGone', conversationId: id, reason: 'withdrawn' }));
  if (conv.rec.agentId) tellSender(hub, id, conv.rec.agentId, 'withdrawn', target);
}

function tellSender(
  hub: Hub,
  conversationId: string,
  sender: string,
  state: 'pending' | 'declined' | 'timeout' | 'withdrawn',
  target: string,
): void {
  hub.after(() => hub.toAgent(sender, { type: 'transfer', conversationId, state, to: hub.agentCard(target) }));
}
