import type { AgentServerMessage } from '../../../shared/protocol/agent.ts';
import type { PushPayload } from '../../../shared/api/push.ts';

/** What a push says, in the languages of the inbox (the same words as its own notifications). */
const TEXTS = {
  en: {
    offerTitle: 'New live chat',
    offerBody: '{name} is waiting. Click to answer.',
    transferBody: '{from} hands you a chat with {name}. Click to answer.',
    messageTitle: 'New message from {name}',
  },
  ko: {
    offerTitle: '새 라이브 채팅',
    offerBody: '{name} 님이 기다리고 있습니다. 클릭하여 응답하십시오.',
    transferBody: '{from} 님이 {name} 님과의 채팅을 넘겼습니다. 클릭하여 응답하십시오.',
    messageTitle: '{name} 님의 새 메시지',
  },
} as const;

/** Longest message text a push carries (push services take about 4 kB once encrypted). */
const MAX_TEXT = 300;

/** What the push layer needs to word one agent message: the visitor's profile, the expiry. */
export interface PushNotice {
  kind: 'offer' | 'message';
  conversationId: string;
  visitorId: string;
  profile: Record<string, string>;
  /** The visitor's message (kind `message`). */
  text?: string;
  /** Who hands the chat over (a transfer offer). */
  from?: string;
  /** When it is no longer worth showing (epoch ms): an offer's deadline, a message after an hour. */
  expiresAt: number;
}

/**
 * The agent messages that become pushes: a new offer (routed or a colleague's transfer) and a visitor's message in
 * a chat the agent holds. Everything else (typing, receipts, offers withdrawn) stays on the sockets.
 */
export function noticeOf(
  msg: AgentServerMessage,
  profileOf: (conversationId: string) => { visitorId: string; profile: Record<string, string> } | undefined,
  now: number,
): PushNotice | undefined {
  if (msg.type === 'offer') {
    const o = msg.offer;
    return {
      kind: 'offer',
      conversationId: o.conversationId,
      visitorId: o.visitorId,
      profile: o.visitor,
      ...(o.transfer ? { from: o.transfer.from.name } : {}),
      expiresAt: o.deadline,
    };
  }
  if (msg.type === 'item' && msg.item.type === 'visitor') {
    const who = profileOf(msg.conversationId);
    return {
      kind: 'message',
      conversationId: msg.conversationId,
      visitorId: who?.visitorId ?? '',
      profile: who?.profile ?? {},
      text: msg.item.text,
      expiresAt: now + 3600_000,
    };
  }
  return undefined;
}

/** The notification's words in `lang` (English when the inbox language is not known here). */
export function payloadOf(n: PushNotice, lang: string): PushPayload {
  const t = TEXTS[lang === 'ko' ? 'ko' : 'en'];
  const name = visitorName(n);
  const fill = (s: string) => s.replace('{name}', name).replace('{from}', n.from ?? '');
  const id = encodeURIComponent(n.conversationId);
  if (n.kind === 'offer')
    return {
      kind: 'offer',
      conversationId: n.conversationId,
      title: t.offerTitle,
      body: fill(n.from ? t.transferBody : t.offerBody),
      tag: `offer:${n.conversationId}`,
      url: `/inbox?offer=${id}`,
    };
  const text = n.text ?? '';
  return {
    kind: 'message',
    conversationId: n.conversationId,
    title: fill(t.messageTitle),
    body: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text,
    tag: `chat:${n.conversationId}`,
    url: `/inbox?chat=${id}`,
  };
}

/** As the inbox names a visitor (runtime/inbox/live/reducer.ts `displayName`). */
function visitorName(n: PushNotice): string {
  const p = n.profile;
  const full = [p.firstName, p.lastName].filter(Boolean).join(' ').trim();
  return full || p.email || `#${n.visitorId.slice(-6)}`;
}
