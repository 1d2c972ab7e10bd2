import {
  parseAgentServerMessage,
  type AgentClientMessage,
  type Chat as WireChat,
  type Offer as WireOffer,
} from '../../../shared/protocol/agent.ts';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { LiveEvent } from './events.ts';
import type { Chat, ChatMessage, Offer } from './types.ts';

export type ClientCommand = AgentClientMessage;

export function encode(cmd: ClientCommand): string {
  return JSON.stringify(cmd);
}

/**
 * Turns one frame of the agent protocol into inbox events. `receivedAt` is this browser's clock when the frame
 * arrived: deadlines are re-based on it from the server's `now`, so a skewed browser clock does not shorten or
 * lengthen the countdown. A frame that does not parse becomes an error notice, never an exception.
 */
export function decodeServerMessage(raw: string, receivedAt: number): LiveEvent[] {
  const parsed = parseAgentServerMessage(raw);
  if (!parsed.ok) return [{ type: 'error', code: 'bad-message', message: parsed.error }];
  const msg = parsed.msg;
  switch (msg.type) {
    case 'hello':
      return [
        {
          type: 'hello',
          me: { id: msg.me.id, name: msg.me.name, avatarUrl: msg.me.avatarUrl, viewAll: msg.me.viewAll },
          status: msg.status,
          maxChats: msg.settings.maxChatsPerAgent,
          acceptTimeoutSec: msg.settings.acceptTimeoutSec,
          offers: msg.offers.map((o) => toOffer(o, msg.now, receivedAt)),
          chats: msg.chats.map(toChat),
        },
      ];
    case 'status':
      return [{ type: 'status', status: msg.status }];
    case 'settings':
      return [
        { type: 'settings', maxChats: msg.settings.maxChatsPerAgent, acceptTimeoutSec: msg.settings.acceptTimeoutSec },
      ];
    case 'offer':
      return [{ type: 'offer', offer: toOffer(msg.offer, msg.now, receivedAt) }];
    case 'offerGone':
      return [{ type: 'offerGone', id: msg.conversationId, reason: msg.reason }];
    case 'chatOpened':
      return [{ type: 'opened', chat: toChat(msg.chat) }];
    case 'item': {
      const message = toMessage(msg.item);
      if (msg.item.type === 'chatEnded')
        return [{ type: 'ended', chatId: msg.conversationId, by: msg.item.by, message }];
      if (msg.item.type === 'ended') return [{ type: 'ended', chatId: msg.conversationId, by: 'system', message }];
      return [{ type: 'message', chatId: msg.conversationId, message }];
    }
    case 'ack':
      return [{ type: 'ack', chatId: msg.conversationId, clientId: msg.id, seq: msg.seq }];
    case 'typing':
      return [{ type: 'typing', chatId: msg.conversationId, typing: msg.on }];
    case 'receipt':
      return [{ type: 'receipt', chatId: msg.conversationId, upTo: msg.upTo, state: msg.state }];
    case 'transfer':
      return [{ type: 'transfer', chatId: msg.conversationId, state: msg.state, to: msg.to.name }];
    case 'missed':
      return [{ type: 'missed', chatId: msg.conversationId }];
    case 'error':
      return [{ type: 'error', code: msg.code, message: msg.message }];
    default: {
      const never: never = msg;
      return [{ type: 'error', code: 'bad-message', message: `unknown message ${JSON.stringify(never)}` }];
    }
  }
}

export function toOffer(o: WireOffer, serverNow: number, receivedAt: number): Offer {
  return {
    id: o.conversationId,
    visitor: { id: o.visitorId, attributes: o.visitor, dialogue: o.dialogueName },
    deadline: receivedAt + (o.deadline - serverNow),
    windowMs: Math.max(1, o.deadline - o.offeredAt),
    why: o.why,
    ...(o.transfer ? { transfer: { from: o.transfer.from.name, note: o.transfer.note } } : {}),
  };
}

/** Splits the transcript where the agent joined: before is the bot part, after is the live chat. */
export function toChat(c: WireChat): Chat {
  const joined = c.items.findIndex((i) => i.type === 'agentJoined');
  const split = joined >= 0 ? joined : c.items.findIndex((i) => i.at >= c.connectedAt);
  const cut = split < 0 ? c.items.length : split;
  const ended = c.status === 'ended';
  const endItem = c.items.find((i) => i.type === 'chatEnded');
  return {
    id: c.conversationId,
    visitor: { id: c.visitorId, attributes: c.visitor, dialogue: c.dialogueName, startedAt: c.startedAt },
    transcript: c.items.slice(0, cut).map(toMessage),
    messages: c.items.slice(cut).map(toMessage),
    unread: 0,
    visitorTyping: false,
    ended,
    endedBy: endItem?.type === 'chatEnded' ? endItem.by : ended ? 'system' : undefined,
    acceptedAt: c.connectedAt,
    readUpTo: c.readUpTo,
  };
}

export function toMessage(item: TranscriptItem): ChatMessage {
  const base = { id: `seq:${item.seq}`, seq: item.seq, at: item.at };
  switch (item.type) {
    case 'bot':
      return { ...base, from: 'bot', text: item.text };
    case 'ask':
      return item.kind === 'question'
        ? { ...base, from: 'bot', text: item.prompt, choices: item.answers.map((a) => a.label) }
        : { ...base, from: 'bot', text: item.prompt, choices: item.options };
    case 'invalid':
      return { ...base, from: 'bot', text: item.message };
    case 'document':
      return { ...base, from: 'bot', text: item.name, link: { name: item.name, url: item.url } };
    case 'visitor':
      return { ...base, from: 'visitor', text: item.text, clientId: item.clientId };
    case 'agent':
      return {
        ...base,
        from: 'agent',
        text: item.text,
        clientId: item.clientId,
        agentId: item.agent.id,
        agentName: item.agent.name,
        agentAvatar: item.agent.avatarUrl,
        delivery: item.state ?? 'sent',
      };
    case 'waiting':
      return { ...base, from: 'system', text: '', system: { kind: 'waiting' } };
    case 'agentJoined':
      return { ...base, from: 'system', text: '', system: { kind: 'agentJoined', name: item.agent.name } };
    case 'fallback':
      return { ...base, from: 'bot', text: item.text, system: { kind: 'fallback', reason: item.reason } };
    case 'chatEnded':
      return { ...base, from: 'system', text: '', system: { kind: 'chatEnded', by: item.by } };
    case 'ended':
      return { ...base, from: 'system', text: '', system: { kind: 'ended', reason: item.reason } };
    case 'note':
      return {
        ...base,
        from: 'agent',
        note: true,
        text: item.text,
        clientId: item.clientId,
        agentId: item.agent.id,
        agentName: item.agent.name,
        agentAvatar: item.agent.avatarUrl,
        delivery: 'sent',
      };
    default: {
      const never: never = item;
      throw new Error(`unknown transcript item ${JSON.stringify(never)}`);
    }
  }
}
