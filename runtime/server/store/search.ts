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
/** Within ASCII the letters, digits and marks are `a-z`, `A-Z` and `0-9`, and NFKC changes nothing. */
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;

/** The distinct search words of a text. */
export function searchWords(text: string): string[] {
  const out = new Set<string>();
  // Most texts are ASCII (every visitor step's reply passes here): one match of a plain class, no NFKC pass and no
  // iterator of Unicode property matches. The same words as the general path (`search.test.ts` holds them equal).
  if (ASCII.test(text)) {
    for (const w of text.toLowerCase().match(ASCII_WORD) ?? []) {
      out.add(w.length > MAX_WORD ? w.slice(0, MAX_WORD) : w);
      if (out.size >= MAX_WORDS) break;
    }
    return [...out];
  }
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    out.add(m[0].slice(0, MAX_WORD));
    if (out.size >= MAX_WORDS) break;
  }
  return [...out];
}

/**
 * Scripts written without spaces between the parts of a name or a word (Korean attaches particles and writes a
 * full name as one word, `김민수`; Chinese and Japanese have no spaces at all): a word in them is found by any
 * part of it, so `민수` finds `김민수`.
 */
const UNSPACED = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Whether a text holds a character of an unspaced script (its index entry has word parts: `indexTokens`). */
export const hasUnspaced = (text: string) => UNSPACED.test(text);

/**
 * What the index holds for some words: every word, and for a word of an unspaced script every suffix as well
 * (`김민수 민수 수`). A query word of those scripts matches as a prefix (see `searchTerms`), and a prefix of a
 * suffix is any part of the word. Other words stay whole words: `son` does not find `Johnson`, so English
 * search keeps its precision and its index size.
 */
export function indexTokens(words: readonly string[]): string[] {
  // The usual case, no word of those scripts: the words themselves (`searchWords` gives them distinct).
  if (!words.some(hasUnspaced)) return words as string[];
  const out = new Set<string>();
  for (const w of words) {
    out.add(w);
    if (!UNSPACED.test(w)) continue;
    const chars = [...w];
    for (let i = 1; i < chars.length; i++) out.add(chars.slice(i).join(''));
  }
  return [...out];
}

/** The index tokens that find a visitor: every captured value (names, emails, phone, company, …). */
export function profileWords(profile: Record<string, string>): string[] {
  return indexTokens(searchWords(profileText(profile)));
}

/**
 * The words that find a conversation by its transcript: what the visitor and the agents wrote. Bot texts are the
 * stream's own (the same for every visitor) and internal notes are not the conversation's; neither is indexed.
 */
export function itemWords(items: readonly TranscriptItem[]): string[] {
  return indexTokens(searchWords(itemsText(items)));
}

/**
 * A query's terms: its words, every one of which must be found in the conversation (in the visitor's profile or
 * in the transcript, not necessarily the same place); the last one matches as a prefix (search as you type), and
 * so does every word of an unspaced script (any part of a word: see `indexTokens`).
 * No words (empty, or only punctuation like `"*-`): no text condition. Throws `SearchError` past
 * `MAX_QUERY_WORDS` words.
 */
export function searchTerms(text: string | undefined): SearchTerm[] {
  const words = searchWords(text ?? '');
  if (words.length > MAX_QUERY_WORDS)
    throw new SearchError('q', 'too-many-words', `at most ${MAX_QUERY_WORDS} words (this query has ${words.length})`);
  return words.map((word, i) => ({ word, prefix: i === words.length - 1 || UNSPACED.test(word) }));
}

export interface SearchTerm {
  word: string;
  prefix: boolean;
}

/** The indexed text of a profile (`profileWords`) and of transcript entries (`itemWords`). */
export const profileText = (profile: Record<string, string>) => Object.values(profile).join(' ');
export const itemsText = (items: readonly TranscriptItem[]) =>
  items.map((i) => (i.type === 'visitor' || i.type === 'agent' ? i.text : '')).join(' ');

/** A search the caller got wrong (the API answers 400 naming `field`). */
export class SearchError extends Error {
  constructor(
    readonly field: string,
    /** Stable, for clients to say it in their language (the API's `error.reason`). */
    readonly reason: 'too-many-words' | 'bad-cursor',
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
  if (!m) throw new SearchError('cursor', 'bad-cursor', 'not a cursor this server gave');
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

/** The page of `rows` (fetched with one extra) and its cursor. */
export function toPage(rows: ConversationRecord[], limit: number): SearchPage {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? encodeCursor({ startedAt: last.startedAt, id: last.id }) : null };
}
