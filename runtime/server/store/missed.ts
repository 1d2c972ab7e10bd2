/**
 * Missed chats (SPEC §4 "Missed chat"): every fallback leaves one row, for the inbox's Missed list. The visitor may
 * then leave a message (and an email to answer to); an agent claims the row and follows up by email. The
 * conversation and its transcript stay where they are (conversations.ts); the fallback decision with its why is in
 * the routing log.
 */
export interface MissedChat {
  conversationId: string;
  visitorId: string;
  /** When the fallback happened (epoch ms) and its reason (`no-eligible-agent`, `queue-timeout`, …). */
  at: number;
  reason: string;
  /** What the visitor left after the fallback (messages joined by blank lines), and the email to reply to. */
  message: string | null;
  email: string | null;
  messageAt: number | null;
  claimedBy: string | null;
  claimedAt: number | null;
  /** The client ids of the messages stored so far (a resent `leaveMessage` is acknowledged, not stored twice). */
  messageIds: string[];
  /** The last reply sent by email: who and when; null until answered. */
  answeredBy: string | null;
  answeredAt: number | null;
}

export interface MissedQuery {
  /** Only claimed (true) or only unclaimed (false) rows; all when absent. */
  claimed?: boolean;
  /** Rows whose fallback happened before this (epoch ms), for paging. */
  before?: number;
  limit: number;
}

export interface MissedChats {
  /** Records the fallback of a conversation (a second one of the same conversation changes nothing). */
  add(m: { conversationId: string; visitorId: string; at: number; reason: string }): Promise<void>;
  /**
   * Adds the visitor's message with its client id (and sets the email when given); false when the conversation
   * missed no chat. The caller checks `messageIds` first, so that a resent message is not stored twice.
   */
  leaveMessage(
    conversationId: string,
    text: string,
    email: string | null,
    at: number,
    clientId: string,
  ): Promise<boolean>;
  /** The agent's reply by email was handed to the mailer. */
  answered(conversationId: string, agentId: string, at: number): Promise<void>;
  /** The agent takes the follow-up; false when someone else holds it or there is no such row. */
  claim(conversationId: string, agentId: string, at: number): Promise<boolean>;
  get(conversationId: string): Promise<MissedChat | undefined>;
  /** Newest first. */
  query(q: MissedQuery): Promise<MissedChat[]>;
}

/** The table, the same SQL on both backends. */
export const missedSchema = `
create table missed_chats (
  conversation_id text primary key,
  visitor_id text not null,
  at bigint not null,
  reason text not null,
  message text,
  email text,
  message_at bigint,
  claimed_by text,
  claimed_at bigint
);
create index missed_chats_at on missed_chats (at);
`;

/** Client ids of the messages left (newline-separated, as client ids hold no newline here) and the reply. */
export const missedAnsweredSchema = `
alter table missed_chats add column message_ids text;
alter table missed_chats add column answered_by text;
alter table missed_chats add column answered_at bigint;
`;

export const ANSWERED = 'update missed_chats set answered_by = ?, answered_at = ? where conversation_id = ?';

export const toMissed = (r: any): MissedChat => ({
  conversationId: r.conversation_id,
  visitorId: r.visitor_id,
  at: Number(r.at),
  reason: r.reason,
  message: r.message ?? null,
  email: r.email ?? null,
  messageAt: r.message_at == null ? null : Number(r.message_at),
  claimedBy: r.claimed_by ?? null,
  claimedAt: r.claimed_at == null ? null : Number(r.claimed_at),
  messageIds: r.message_ids ? String(r.message_ids).split('\n') : [],
  answeredBy: r.answered_by ?? null,
  answeredAt: r.answered_at == null ? null : Number(r.answered_at),
});

/** The where clause of a query, with `?` placeholders (PostgreSQL numbers them). */
export function missedWhere(q: MissedQuery): { where: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  if (q.claimed === true) where.push('claimed_by is not null');
  if (q.claimed === false) where.push('claimed_by is null');
  if (q.before) (where.push('at < ?'), values.push(q.before));
  return { where: where.length ? `where ${where.join(' and ')}` : '', values };
}

/** A further message is added below the earlier ones, after a blank line. */
export const APPEND_MESSAGE = `update missed_chats
  set message = case when message is null then ? else message || ? || ? end, email = coalesce(?, email), message_at = ?,
  message_ids = case when message_ids is null then ? else message_ids || ? || ? end
  where conversation_id = ?`;

export const appendParams = (id: string, text: string, email: string | null, at: number, clientId: string) => [
  text,
  '\n\n',
  text,
  email,
  at,
  clientId,
  '\n',
  clientId,
  id,
];
