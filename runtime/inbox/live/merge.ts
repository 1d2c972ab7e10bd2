import type { Chat, ChatMessage, Delivery } from './types.ts';

const DELIVERY_ORDER: Record<Delivery, number> = { sending: 0, sent: 1, delivered: 2, read: 3 };

/** Delivery only moves forward: a late `delivered` never undoes `read`. */
export function raise(current: Delivery | undefined, next: Delivery): Delivery {
  if (!current) return next;
  return DELIVERY_ORDER[next] > DELIVERY_ORDER[current] ? next : current;
}

/**
 * Merges the server's chats into the inbox's. On `hello` (after a reconnect) the server's list is the truth for
 * which chats are open and what was stored; the agent's messages that were never acknowledged stay (marked
 * sending) so that they are sent again, and unread counts survive. With `add`, chats not listed are kept.
 */
export function mergeChats(current: Chat[], incoming: Chat[], add = false): Chat[] {
  const byId = new Map(current.map((c) => [c.id, c]));
  const merged = incoming.map((chat) => {
    const old = byId.get(chat.id);
    if (!old) return chat;
    byId.delete(chat.id);
    const stored = new Set(chat.messages.flatMap((m) => (m.clientId ? [m.clientId] : [])));
    const pending = old.messages.filter((m) => m.delivery === 'sending' && m.clientId && !stored.has(m.clientId));
    const messages = [...chat.messages.map((m) => keepDelivery(m, old.messages)), ...pending];
    return { ...chat, messages, unread: Math.max(chat.unread, old.unread) };
  });
  const rest = [...byId.values()];
  // Ended chats the server no longer lists stay until the agent closes them, so a transcript is not yanked away.
  const kept = add ? rest : rest.filter((c) => c.ended);
  return add ? [...kept, ...merged] : [...merged, ...kept];
}

function keepDelivery(m: ChatMessage, old: ChatMessage[]): ChatMessage {
  const prev = old.find((o) => o.seq !== undefined && o.seq === m.seq);
  return prev?.delivery && m.delivery ? { ...m, delivery: raise(m.delivery, prev.delivery) } : m;
}
