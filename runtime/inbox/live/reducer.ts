import type { LiveEvent } from './events.ts';
import { mergeChats, raise } from './merge.ts';
import type { Chat, LiveState, Notice } from './types.ts';

const MAX_NOTICES = 4;
const TRANSFER_REFUSED = 'transfer refused: ';
const TRANSFER_NOTICE = {
  accepted: 'transferAccepted',
  declined: 'transferDeclined',
  timeout: 'transferTimeout',
  withdrawn: 'transferWithdrawn',
} as const;

/** Pure state transitions of the inbox; the connection feeds it server events and the UI feeds it actions. */
export function liveReducer(state: LiveState, ev: LiveEvent): LiveState {
  switch (ev.type) {
    case 'connection':
      return { ...state, connection: ev.state, ready: ev.state === 'open' ? state.ready : false };
    case 'hello': {
      const chats = mergeChats(state.chats, ev.chats);
      const activeId = chats.some((c) => c.id === state.activeId) ? state.activeId : chats.find((c) => !c.ended)?.id;
      return {
        ...state,
        ready: true,
        connection: 'open',
        me: ev.me,
        status: ev.status,
        maxChats: ev.maxChats,
        acceptTimeoutSec: ev.acceptTimeoutSec,
        chats,
        offers: ev.offers,
        activeId,
      };
    }
    case 'status':
      return { ...state, status: ev.status };
    case 'settings':
      return { ...state, maxChats: ev.maxChats, acceptTimeoutSec: ev.acceptTimeoutSec };
    case 'missed':
      return { ...state, missedCount: state.missedCount + 1 };
    case 'offer':
      return { ...state, offers: [...state.offers.filter((o) => o.id !== ev.offer.id), ev.offer] };
    case 'offerGone': {
      const offer = state.offers.find((o) => o.id === ev.id);
      if (!offer) return state;
      const offers = state.offers.filter((o) => o.id !== ev.id);
      // An accepted offer turns into a chat and a declined one was the agent's own choice; a lapse or a
      // withdrawal happens to the agent, so it leaves a short note where the banner was.
      if (ev.reason === 'accepted' || ev.reason === 'declined') return { ...state, offers };
      const kind = offer.transfer ? 'transferLapsed' : ev.reason === 'timeout' ? 'offerLapsed' : 'offerGone';
      const name = offer.transfer ? offer.transfer.from : displayName(offer.visitor);
      return {
        ...state,
        offers,
        notices: addNotice(state.notices, { id: `offer:${ev.id}`, kind, name }),
      };
    }
    case 'decided':
      return { ...state, offers: state.offers.filter((o) => o.id !== ev.id) };
    case 'opened': {
      const offers = state.offers.filter((o) => o.id !== ev.chat.id);
      return { ...state, offers, chats: mergeChats(state.chats, [ev.chat], true), activeId: ev.chat.id };
    }
    case 'message':
      return updateChat(state, ev.chatId, (chat) => {
        const m = ev.message;
        // The server echoes the agent's own messages (to the agent's other tabs): fold the echo into the local copy.
        const mine = m.clientId ? chat.messages.findIndex((x) => x.clientId === m.clientId && x.from === m.from) : -1;
        if (mine >= 0) {
          const messages = chat.messages.slice();
          const prev = messages[mine];
          messages[mine] = {
            ...prev,
            id: m.id,
            seq: m.seq,
            at: m.at,
            delivery: raise(prev.delivery, m.delivery ?? 'sent'),
          };
          return { ...chat, messages };
        }
        if (m.seq !== undefined && chat.messages.some((x) => x.seq === m.seq)) return chat;
        if (m.seq !== undefined && chat.transcript.some((x) => x.seq === m.seq)) return chat;
        const unread = m.from === 'visitor' && state.activeId !== chat.id ? chat.unread + 1 : chat.unread;
        const visitorTyping = m.from === 'visitor' ? false : chat.visitorTyping;
        return { ...chat, messages: [...chat.messages, m], unread, visitorTyping };
      });
    case 'send':
      return updateChat(state, ev.chatId, (chat) => ({
        ...chat,
        messages: [
          ...chat.messages,
          {
            id: `local:${ev.clientId}`,
            clientId: ev.clientId,
            from: 'agent',
            text: ev.text,
            at: ev.at,
            delivery: 'sending',
            ...(ev.note ? { note: true } : {}),
          },
        ],
      }));
    case 'ack':
      return updateChat(state, ev.chatId, (chat) => ({
        ...chat,
        messages: chat.messages.map((m) =>
          m.clientId === ev.clientId && m.from === 'agent'
            ? { ...m, id: `seq:${ev.seq}`, seq: ev.seq, delivery: raise(m.delivery, 'sent') }
            : m,
        ),
      }));
    case 'receipt':
      return updateChat(state, ev.chatId, (chat) => ({
        ...chat,
        readUpTo: ev.state === 'read' ? Math.max(chat.readUpTo, ev.upTo) : chat.readUpTo,
        messages: chat.messages.map((m) =>
          m.from === 'agent' && m.seq !== undefined && m.seq <= ev.upTo
            ? { ...m, delivery: raise(m.delivery, ev.state) }
            : m,
        ),
      }));
    case 'typing':
      return updateChat(state, ev.chatId, (chat) => ({ ...chat, visitorTyping: ev.typing }));
    case 'ended':
      return updateChat(state, ev.chatId, (chat) => {
        const messages =
          ev.message && !chat.messages.some((m) => m.seq === ev.message?.seq)
            ? [...chat.messages, ev.message]
            : chat.messages;
        return chat.ended
          ? { ...chat, messages }
          : { ...chat, messages, ended: true, endedBy: ev.by, visitorTyping: false };
      });
    case 'select':
      return {
        ...state,
        activeId: ev.chatId,
        chats: state.chats.map((c) => (c.id === ev.chatId && c.unread ? { ...c, unread: 0 } : c)),
      };
    case 'closeChat': {
      const chats = state.chats.filter((c) => c.id !== ev.chatId);
      const activeId = state.activeId === ev.chatId ? chats[0]?.id : state.activeId;
      return { ...state, chats, activeId };
    }
    case 'transfer': {
      if (ev.state === 'pending') return updateChat(state, ev.chatId, (c) => ({ ...c, transferTo: ev.to }));
      const notice = addNotice(state.notices, {
        id: `transfer:${ev.chatId}`,
        kind: TRANSFER_NOTICE[ev.state],
        name: ev.to,
      });
      if (ev.state !== 'accepted') {
        const next = updateChat(state, ev.chatId, (c) => ({ ...c, transferTo: undefined }));
        return { ...next, notices: notice };
      }
      // Accepted: the chat now belongs to the colleague and leaves this inbox.
      const chats = state.chats.filter((c) => c.id !== ev.chatId);
      const activeId = state.activeId === ev.chatId ? chats.find((c) => !c.ended)?.id : state.activeId;
      return { ...state, chats, activeId, notices: notice };
    }
    case 'dismissNotice':
      return { ...state, notices: state.notices.filter((n) => n.id !== ev.id) };
    case 'error':
      // A refused transfer is the agent's own choice answered, not a failure: worded as such.
      if (ev.message.startsWith(TRANSFER_REFUSED))
        return {
          ...state,
          notices: addNotice(state.notices, {
            id: 'transfer:refused',
            kind: 'transferRefused',
            name: ev.message.slice(TRANSFER_REFUSED.length),
          }),
        };
      return {
        ...state,
        notices: addNotice(state.notices, {
          id: `error:${ev.code}:${ev.message}`,
          kind: 'error',
          name: ev.code,
          detail: ev.message,
        }),
      };
    default: {
      const never: never = ev;
      throw new Error(`unknown live event ${JSON.stringify(never)}`);
    }
  }
}

/** A visitor's name for banners and lists: first and last name, else email, else a short id. */
export function displayName(v: { id: string; attributes: Record<string, string> }): string {
  const full = [v.attributes.firstName, v.attributes.lastName].filter(Boolean).join(' ').trim();
  return full || v.attributes.email || `#${v.id.slice(-6)}`;
}

function updateChat(state: LiveState, id: string, fn: (c: Chat) => Chat): LiveState {
  let changed = false;
  const chats = state.chats.map((c) => {
    if (c.id !== id) return c;
    const next = fn(c);
    changed ||= next !== c;
    return next;
  });
  return changed ? { ...state, chats } : state;
}

function addNotice(list: Notice[], n: Notice): Notice[] {
  return [...list.filter((x) => x.id !== n.id), n].slice(-MAX_NOTICES);
}
