import type { Why } from '../../../shared/routing/whys.ts';
import { searchTerms, type TextMatch } from './search.ts';

/** A stored routing decision (the routing engine's Decision plus the conversation it concerns). */
export interface StoredDecision {
  id: number;
  at: number;
  conversationId: string;
  event: string;
  agentId: string | null;
  reason: string | null;
  why: string;
  /**
   * The why as clauses (codes with their parts, shared/routing/whys.ts), kept in the row's JSON body beside the
   * detail: absent on decisions logged before clauses were recorded, which have only `why`.
   */
  whys?: Why[];
  /** The whole decision as the engine made it (pool, position, skipped agents, rule, …). */
  detail: Record<string, unknown>;
}

export interface DecisionQuery {
  conversationId?: string;
  visitorId?: string;
  /** Words of the visitor's profile (name, email, …): every one must be found, the last as a prefix. */
  visitorText?: string;
  agentId?: string;
  from?: number;
  to?: number;
  limit: number;
}

/** The row's JSON body: the detail, with the clauses under `whys` when the decision has them. */
export const decisionBody = (d: Pick<StoredDecision, 'whys' | 'detail'>): string =>
  JSON.stringify(d.whys ? { ...d.detail, whys: d.whys } : d.detail);

/** A logged decision as a query returns it: with the conversation's visitor and what the log calls them by. */
export type LoggedDecision = StoredDecision & {
  visitorId: string | null;
  /** The visitor's name, else their email, when their profile has one. */
  visitorName: string | null;
};

export const toStoredDecision = (r: any): LoggedDecision => {
  const { whys, ...detail } = JSON.parse(r.body) as { whys?: Why[] } & Record<string, unknown>;
  return {
    id: r.id,
    at: r.at,
    conversationId: r.conversation_id,
    visitorId: r.visitor_id,
    visitorName: r.visitor_profile ? nameOf(JSON.parse(r.visitor_profile)) : null,
    event: r.event,
    agentId: r.agent_id,
    reason: r.reason,
    why: r.why,
    ...(Array.isArray(whys) ? { whys } : {}),
    detail,
  };
};

/** The where clause of a decision query, with `?` placeholders (Postgres numbers them); `match` is the backend's
 * text search (docs/search.md). */
export function decisionWhere(q: DecisionQuery, match: TextMatch): { where: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const terms = searchTerms(q.visitorText);
  if (terms.length) {
    const m = match.visitors(terms);
    where.push(`c.visitor_id in (${m.sql})`);
    values.push(...m.values);
  }
  if (q.conversationId) (where.push('d.conversation_id = ?'), values.push(q.conversationId));
  if (q.visitorId) (where.push('c.visitor_id = ?'), values.push(q.visitorId));
  if (q.agentId) (where.push('d.agent_id = ?'), values.push(q.agentId));
  if (q.from !== undefined) (where.push('d.at >= ?'), values.push(q.from));
  if (q.to !== undefined) (where.push('d.at <= ?'), values.push(q.to));
  return { where: where.length ? `where ${where.join(' and ')}` : '', values };
}

function nameOf(p: Record<string, string>): string | null {
  return [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email || null;
}

export const DECISION_QUERY = (where: string) =>
  `select d.*, c.visitor_id, v.profile as visitor_profile from decisions d
   left join conversations c on c.id = d.conversation_id left join visitors v on v.id = c.visitor_id
   ${where} order by d.at desc, d.id desc limit ?`;

/**
 * The routing log (an aggregate of its own): routing decisions with their why, every event the routing engine was
 * fed (for what-if and for restoring the engine), and recorded callback events. The writes are the live layer's:
 * queued in this turn's unit of work, resolved once durable.
 */
export interface Decisions {
  add(d: Omit<StoredDecision, 'id'>): Promise<void>;
  logEvent(at: number, event: unknown): Promise<void>;
  /** Logged events with `from <= at <= to`, in the order they were logged. */
  events(from: number, to: number): Promise<{ at: number; event: any }[]>;
  callback(
    at: number,
    conversationId: string | null,
    dialogueId: string | null,
    visitorId: string | null,
    name: string,
    data: unknown,
  ): Promise<void>;
  /** The goals a conversation reached (recorded `goal` callbacks), in order: name, score (0 when none), when. */
  goals(conversationId: string): Promise<ReachedGoal[]>;
  /** Newest first. */
  query(q: DecisionQuery): Promise<LoggedDecision[]>;
}

export interface ReachedGoal {
  name: string;
  score: number;
  at: number;
}

export const GOALS_QUERY = "select at, data from callbacks where conversation_id = ? and name = 'goal' order by at, id";

export const toGoal = (r: { at: number; data: string }): ReachedGoal => {
  const d = JSON.parse(r.data) as { name?: string; score?: number };
  return { name: String(d.name ?? ''), score: typeof d.score === 'number' ? d.score : 0, at: Number(r.at) };
};
