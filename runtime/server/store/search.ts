import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { ConversationStatus } from '../../../shared/protocol/visitor.ts';
import type { ConversationRecord } from './conversations.ts';
import { MAX_QUERY_WORDS } from '../../../shared/api/searchLimits.ts';

/**
 * Conversation search (docs/search.md), the part both backends share: how text becomes search words, how a query
 * becomes terms, the filters and the paging cursor. The indexes themselves are the backend's (SQLite FTS5 tables,
 * PostgreSQL tsvector columns with GIN indexes), written in the same transaction as the visitor's profile or the
 * transcript entries they index.
 *
 * Words are cut here, not by the database, so that both backends find exactly the same things: NFKC, lower case,
 * runs of letters, digits and marks (any script: Korean too). An email `jo@example.com` is the words `jo`,
 * `example`, `com`. Nothing a visitor or an agent types can reach a query's syntax: terms are made of those
 * characters only and are quoted by the backend.
 */

/** Longest word kept (longer ones are cut: an index entry stays small whatever is pasted). */
const MAX_WORD = 64;
/** Most words one indexed text contributes (a pasted novel is not indexed whole). */
const MAX_WORDS = 2_000;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The distinct search words of a text. */
export function searchWords(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    out.add(m[0].slice(0, MAX_WORD));
    if (out.size >= MAX_WORDS) break;
  }
  return [...out];
}

/** The words that find a visitor: every captured value (names, emails, phone, company, …). */
export function profileWords(profile: Record<string, string>): string[] {
  return searchWords(Object.values(profile).join(' '));
}

/**
 * The words that find a conversation by its transcript: what the visitor and the agents wrote. Bot texts are the
 * stream's own (the same for every visitor) and internal notes are not the conversation's; neither is indexed.
 */
export function itemWords(items: readonly TranscriptItem[]): string[] {
  let text = '';
  for (const i of items) if (i.type === 'visitor' || i.type === 'agent') text += ` ${i.text}`;
  return text ? searchWords(text) : [];
}

/**
 * A query's terms: its words, every one of which must be found in the conversation (in the visitor's profile or
 * in the transcript, not necessarily the same place); the last one matches as a prefix (search as you type).
 * No words (empty, or only punctuation like `"*-`): no text condition. Throws `SearchError` past
 * `MAX_QUERY_WORDS` words.
 */
export function searchTerms(text: string | undefined): SearchTerm[] {
  const words = searchWords(text ?? '');
  if (words.length > MAX_QUERY_WORDS)
    throw new SearchError('q', `at most ${MAX_QUERY_WORDS} words (this query has ${words.length})`);
  return words.map((word, i) => ({ word, prefix: i === words.length - 1 }));
}

export interface SearchTerm {
  word: string;
  prefix: boolean;
}

/** A search the caller got wrong (the API answers 400 naming `field`). */
export class SearchError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** What a conversation search is narrowed to, besides its text. */
export interface ConversationFilter {
  agentId?: string;
  visitorId?: string;
  streamId?: string;
  version?: number;
  status?: ConversationStatus;
  /** Started at or after / before (epoch ms). */
  from?: number;
  to?: number;
}

export interface ConversationSearch extends ConversationFilter {
  /** Words to find in the visitor's profile and the transcript (see `searchTerms`); empty: every conversation. */
  text?: string;
  /** The `next` of the previous page. */
  cursor?: string;
  limit: number;
}

/** One page of conversations, newest first; `next` pages on (null: this was the last page). */
export interface SearchPage {
  rows: ConversationRecord[];
  next: string | null;
}

/** The position after a conversation in newest-first order (started_at, then id, both descending). */
export interface Cursor {
  startedAt: number;
  id: string;
}

export const encodeCursor = (c: Cursor) => Buffer.from(`${c.startedAt}:${c.id}`).toString('base64url');

/** Throws `SearchError('cursor')` for anything `encodeCursor` did not make. */
export function decodeCursor(s: string): Cursor {
  const text = Buffer.from(s, 'base64url').toString();
  const m = /^(\d{1,15}):(.{1,200})$/s.exec(text);
  if (!m) throw new SearchError('cursor', 'not a cursor this server gave');
  return { startedAt: Number(m[1]), id: m[2] };
}

/**
 * The conditions of a search on `conversations c` besides its text, with `?` placeholders (both backends: the
 * PostgreSQL helper numbers them), and the page's cursor condition.
 */
export function filterWhere(q: ConversationFilter & { cursor?: string }): { where: string[]; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  if (q.agentId) (where.push('c.agent_id = ?'), values.push(q.agentId));
  if (q.visitorId) (where.push('c.visitor_id = ?'), values.push(q.visitorId));
  if (q.streamId) (where.push('c.stream_id = ?'), values.push(q.streamId));
  if (q.version !== undefined) (where.push('c.version = ?'), values.push(q.version));
  if (q.status) (where.push('c.status = ?'), values.push(q.status));
  if (q.from !== undefined) (where.push('c.started_at >= ?'), values.push(q.from));
  if (q.to !== undefined) (where.push('c.started_at < ?'), values.push(q.to));
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push('(c.started_at < ? or (c.started_at = ? and c.id < ?))');
    values.push(c.startedAt, c.startedAt, c.id);
  }
  return { where, values };
}

/**
 * The SQL of one backend's text search, as sub-selects with `?` placeholders: `conversations(terms)` selects the
 * ids of the conversations matching every term (visitor's profile or transcript), `visitors(terms)` the ids of
 * the visitors whose profile matches every term. Other repositories (the results table) put them in their own
 * where clauses: `c.id in (${sql})`.
 */
export interface TextMatch {
  conversations(terms: readonly SearchTerm[]): { sql: string; values: unknown[] };
  visitors(terms: readonly SearchTerm[]): { sql: string; values: unknown[] };
}

/**
 * A search page with both backends' shared shape: the text condition (when there are terms) and the filters,
 * newest first, one row more than the page to know whether another follows.
 */
export function searchSql(
  match: TextMatch,
  q: ConversationSearch,
  columns: string,
): { sql: string; values: unknown[]; terms: SearchTerm[] } {
  const terms = searchTerms(q.text);
  const { where, values } = filterWhere(q);
  if (terms.length) {
    const m = match.conversations(terms);
    where.unshift(`c.id in (${m.sql})`);
    values.unshift(...m.values);
  }
  const sql = `select ${columns} from conversations c ${where.length ? `where ${where.join(' and ')}` : ''}
    order by c.started_at desc, c.id desc limit ?`;
  return { sql, values: [...values, q.limit + 1], terms };
}

/** The page of `rows` (fetched with one extra) and its cursor. */
export function toPage(rows: ConversationRecord[], limit: number): SearchPage {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? encodeCursor({ startedAt: last.startedAt, id: last.id }) : null };
}
