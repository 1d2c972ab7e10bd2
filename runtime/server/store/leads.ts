import { createHash } from 'node:crypto';
import type { Outcome } from '../results/outcome.ts';
import { searchTerms, type TextMatch } from './search.ts';

/**
 * Leads: what one conversation yielded, one row beside its record (SPEC §8.7) once it captured an attribute or
 * reached a goal: the attributes it captured, the last goal it reached and the sum of its scores, the email it
 * is known by (its page is the one of its visitor context, store/visitorContext.ts). Written by the results recorder in the turn that stores the step (results/leadLog.ts), merged by an
 * upsert so that nodes writing one conversation's facts never lose each other's. The leads table and its CSV read
 * it joined with `conversations` (outcome, agent, version, time); deleting a person's data removes it, while the
 * counts of results stay (they are history).
 */
export const leadsSchema = (bigint: 'integer' | 'bigint', serial: string) => `
-- Only conversations that captured something or reached a goal have a row.
create table leads (
  conversation_id text primary key,
  stream_id text not null,
  captures text not null default '{}',
  goal text,
  score ${bigint} not null default 0,
  email text
);
create index leads_email on leads (email) where email is not null;
-- The attributes captured in a stream's conversations: the columns of its CSV, without a scan.
create table lead_attributes (stream_id text not null, name text not null, primary key (stream_id, name));
create index conversations_stream on conversations (stream_id, started_at);
-- Who did what that must be accounted for (a person's data deleted): never personal data itself.
create table audit_log (
  id ${serial} primary key,
  at ${bigint} not null,
  actor text,
  action text not null,
  subject text not null,
  detail text not null
);
create index audit_log_at on audit_log (at);
`;

/**
 * Migration `leads-order`: the table is read newest first, `(started_at, id)` descending, in keyset pages: an index
 * in that order per stream lets every page start where the last ended instead of sorting them all (over all
 * streams, search's `conversations_started` does).
 */
export const leadsOrderSchema = `
drop index conversations_stream;
create index conversations_stream_order on conversations (stream_id, started_at, id);
`;

/** One turn's news about one conversation's lead: merged into its row (captures added, score summed). */
export interface LeadChange {
  conversationId: string;
  streamId: string;
  captures: Record<string, string>;
  /** The last goal reached in this turn. */
  goal?: string;
  score: number;
  /** Lower case. */
  email?: string;
}

/** A row of the leads table. */
export interface LeadRow {
  conversationId: string;
  streamId: string;
  version: number;
  visitorId: string;
  startedAt: number;
  outcome: Outcome;
  agentId: string | null;
  page: string | null;
  goal: string | null;
  score: number;
  email: string | null;
  attributes: Record<string, string>;
}

export interface LeadQuery {
  streamId?: string;
  version?: number;
  outcome?: Outcome;
  goal?: string;
  /** Epoch ms, `from` inclusive and `to` exclusive. */
  from?: number;
  to?: number;
  /** Words to find in the visitor's profile or the transcript (the search module's, docs/search.md). */
  text?: string;
  /** Keyset paging: rows older than this one (newest first). */
  after?: LeadCursor;
  limit: number;
}

export interface LeadCursor {
  startedAt: number;
  id: string;
}

/** What deleting a person's data removed (and what it left because the conversation is in a live chat now). */
export interface Erasure {
  id: number;
  at: number;
  actor: string | null;
  /** `sha256:` + the hex SHA-256 of the lower-case email: the entry proves what was asked, not who. */
  subject: string;
  conversations: number;
  visitors: number;
  rows: number;
  /** Conversations waiting for or in a live chat now: kept, delete again once they end. */
  kept: number;
}

export interface Leads {
  /** Merges one turn's lead changes (hot path: one queued write a turn) and notes the attributes in use. */
  record(changes: readonly LeadChange[], newAttributes: readonly { streamId: string; name: string }[]): Promise<void>;
  /** Newest first, `limit` rows. */
  page(q: LeadQuery): Promise<LeadRow[]>;
  /** The names of the attributes captured in a stream's conversations (all streams': undefined), sorted. */
  attributes(streamId?: string): Promise<string[]>;
  /**
   * Deletes every conversation of the person known by `email` (a lead's email, a visitor profile's, a missed
   * chat's), with every row of theirs (transcripts, captures, decisions, missed chats, their webhook deliveries),
   * and their visitors when nothing of theirs remains; conversations in a live chat now are kept and counted.
   * Writes the audit entry in the same transaction. Results' counts stay.
   */
  erase(email: string, actor: string | null, at?: number): Promise<Erasure>;
  /** The audit entries of erasures, newest first. */
  erasures(limit: number): Promise<Erasure[]>;
}

/** The subject of an erasure's audit entry. */
export const emailSubject = (email: string) =>
  `sha256:${createHash('sha256').update(normalEmail(email)).digest('hex')}`;

export const normalEmail = (email: string) => email.trim().toLowerCase();

/** `results/outcome.ts` in SQL, over `conversations c` (the contract suite checks they agree). */
export const OUTCOME_SQL = `(case when c.status = 'live' then 'handoff' when c.status <> 'ended' then 'open'
  when c.end_reason = 'completed' then 'completed' when c.end_reason = 'chat-ended' then 'handoff'
  when c.end_reason = 'fallback' then 'missed' else 'dropped' end)`;

/**
 * The where clause and values of a lead query (`?` placeholders); the text condition is the search module's, in
 * the backend's `TextMatch` (throws `SearchError` for a query it refuses).
 */
export function leadWhere(q: LeadQuery, match: TextMatch): { where: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (clause: string, ...v: unknown[]) => (where.push(clause), values.push(...v));
  if (q.streamId !== undefined) add('c.stream_id = ?', q.streamId);
  if (q.version !== undefined) add('c.version = ?', q.version);
  if (q.outcome !== undefined) add(`${OUTCOME_SQL} = ?`, q.outcome);
  if (q.goal !== undefined) add('l.goal = ?', q.goal);
  if (q.from !== undefined) add('c.started_at >= ?', q.from);
  if (q.to !== undefined) add('c.started_at < ?', q.to);
  const terms = searchTerms(q.text);
  if (terms.length) {
    const m = match.conversations(terms);
    add(`c.id in (${m.sql})`, ...m.values);
  }
  if (q.after) add('(c.started_at, c.id) < (?, ?)', q.after.startedAt, q.after.id);
  return { where: where.length ? `where ${where.join(' and ')}` : '', values };
}

/** The rows of the leads table; `pageSql` is the backend's expression of the URL in a context's JSON `cc.body`. */
export const leadSelect = (pageSql: string) => `select c.id, c.stream_id, c.version, c.visitor_id, c.started_at,
  c.agent_id, ${OUTCOME_SQL} outcome, ${pageSql} page, l.captures, l.goal, l.score, l.email
  from conversations c left join leads l on l.conversation_id = c.id
  left join conversation_context cc on cc.conversation_id = c.id`;

export const toLeadRow = (r: any): LeadRow => ({
  conversationId: r.id,
  streamId: r.stream_id,
  version: r.version,
  visitorId: r.visitor_id,
  startedAt: Number(r.started_at),
  outcome: r.outcome,
  agentId: r.agent_id,
  page: r.page ?? null,
  goal: r.goal ?? null,
  score: Number(r.score ?? 0),
  email: r.email ?? null,
  attributes: r.captures ? JSON.parse(r.captures) : {},
});

export const toErasure = (r: any): Erasure => ({
  id: Number(r.id),
  at: Number(r.at),
  actor: r.actor,
  subject: r.subject,
  ...JSON.parse(r.detail),
});
