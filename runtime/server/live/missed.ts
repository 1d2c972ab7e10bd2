import { validateCapture } from '../../../shared/cards/validate.ts';
import type { VisitorRecord } from '../../../shared/routing/types.ts';
import { missedChatMail, offlineMessageMail } from '../mail/missedMail.ts';
import { agentsOfPool, poolOfDecisions, poolOfRouting } from '../mail/missedPool.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import type { Store } from '../store/store.ts';
import type { Conv } from './conv.ts';
import type { Hub } from './hub.ts';
import type { OpError } from './opError.ts';

/**
 * Missed chats (SPEC §4): every fallback is one. It is recorded for the inbox's Missed list, and the visitor's
 * widget is told it may leave a message (and whether it must ask for an email first).
 */
export function recordMissed(hub: Hub, conv: Conv, reason: string, at: number, record?: VisitorRecord): void {
  const { id, visitorId } = conv.rec;
  hub.write(() => void hub.store.missed.add({ conversationId: id, visitorId, at, reason }));
  const emailKnown = !!conv.profile.email?.trim();
  hub.after(() => hub.toVisitor(id, { type: 'missed', conversationId: id, emailKnown }));
  // The agents of the pool hear of it at once on their sockets (wherever they are connected: the hub relays to the
  // other nodes), and by email (queued: SMTP never holds the chat).
  const pool = poolOfRouting(record?.routing, record?.retryTeam);
  hub.after(() => {
    agentsOfPool(hub.store, pool)
      .then((agents) => {
        for (const a of agents) hub.toAgent(a, { type: 'missed', conversationId: id, at, reason });
      })
      .catch((err) => hub.log.warn({ err, conversation: id }, 'the agents were not told of the missed chat'));
  });
  const profile = { ...conv.profile };
  hub.after(() => {
    hub.store.conversations
      .items(id)
      .then((items) => hub.mailer.toPool(pool, missedChatMail(profile, conv.dialogueName, reason, items)))
      .catch((err) => hub.log.warn({ err, conversation: id }, 'the missed-chat email was not queued'));
  });
}

/**
 * The visitor's message after a fallback: kept with the missed chat (several are joined), with the email to reply
 * to. An email is needed when none is known; one given when none was known becomes the visitor's `email`.
 * `done` runs once it is stored.
 */
export async function leaveMessage(
  hub: Hub,
  conversationId: string | undefined,
  visitorId: string,
  msg: { id: string; text: string; email?: string },
  done: () => void,
): Promise<OpError | undefined> {
  const row = conversationId ? await hub.store.missed.get(conversationId) : undefined;
  if (!row || row.visitorId !== visitorId)
    return { code: 'not-allowed', message: 'no missed chat to leave a message for' };
  // A resent message (a reconnect before the answer came) is acknowledged again, never stored twice: by the ids
  // stored with the row, and by those on their way to the store.
  const key = `${row.conversationId}\n${msg.id}`;
  const inFlight = leaving(hub);
  if (row.messageIds.includes(msg.id) || inFlight.has(key)) return void hub.after(done);
  const profile = (await hub.store.conversations.visitor(visitorId))?.profile ?? {};
  let email: string | null = null;
  if (msg.email) {
    const check = validateCapture({ attribute: 'email', input: 'text' }, msg.email);
    if (!check.ok) return { code: 'not-allowed', message: check.message };
    email = check.value;
  } else if (!profile.email?.trim()) {
    return { code: 'not-allowed', message: 'give an email to reply to' };
  }
  const at = hub.now();
  inFlight.add(key);
  hub.write(() => {
    void hub.store.missed.leaveMessage(row.conversationId, msg.text, email, at, msg.id);
    if (email && !profile.email?.trim()) void hub.store.conversations.setProfile(visitorId, { ...profile, email });
  });
  hub.after(() => {
    inFlight.delete(key);
    done();
  });
  const text = msg.text;
  hub.after(() => {
    hub.store.decisions
      .query({ conversationId: row.conversationId, limit: 50 })
      .then(async (d) => {
        const pool = poolOfDecisions(d);
        // The Missed lists open in the pool's inboxes show the message at once.
        const told = { type: 'missed', conversationId: row.conversationId, at: row.at, reason: row.reason } as const;
        for (const a of await agentsOfPool(hub.store, pool)) hub.toAgent(a, told);
        await hub.mailer.toPool(pool, offlineMessageMail(profile, text, email));
      })
      .catch((err) => hub.log.warn({ err, conversation: row.conversationId }, 'the message email was not queued'));
  });
  return undefined;
}

/** How long after its fallback a missed chat with no message left still brings the widget back with its box. */
export const MISSED_KEEP_MS = 24 * 3600_000;

/**
 * The missed chat a returning visitor may still leave a message for: the visitor's newest conversation (or the one
 * named) when it ended in a fallback less than `MISSED_KEEP_MS` ago and no message was left for it yet.
 */
export async function pendingMissed(
  store: Pick<Store, 'conversations' | 'missed'>,
  visitorId: string,
  now: number,
  conversationId?: string,
): Promise<{ conversation: ConversationRecord; emailKnown: boolean } | undefined> {
  const conversation = conversationId
    ? await store.conversations.get(conversationId)
    : (await store.conversations.query({ visitorId, limit: 1 }))[0];
  if (!conversation || conversation.visitorId !== visitorId || conversation.status !== 'ended') return undefined;
  const row = await store.missed.get(conversation.id);
  if (!row || row.messageIds.length > 0 || row.message !== null || now - row.at > MISSED_KEEP_MS) return undefined;
  const profile = (await store.conversations.visitor(visitorId))?.profile ?? {};
  return { conversation, emailKnown: !!profile.email?.trim() };
}

const inFlightByHub = new WeakMap<Hub, Set<string>>();
/** Messages handed to the store and not yet durable, per hub (`conversationId\nclientId`). */
function leaving(hub: Hub): Set<string> {
  let set = inFlightByHub.get(hub);
  if (!set) inFlightByHub.set(hub, (set = new Set()));
  return set;
}
