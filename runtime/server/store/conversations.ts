import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { ConversationStatus } from '../../../shared/protocol/visitor.ts';
import type { ConversationSearch, SearchPage } from './search.ts';

/** One conversation as stored. `engine` is the interpreter's JSON state; `routing` the routing engine's record. */
export interface ConversationRecord {
  id: string;
  visitorId: string;
  dialogueId: string;
  streamId: string;
  version: number;
  status: ConversationStatus;
  engine: unknown;
  agentId: string | null;
  routing: unknown | null;
  lastSeq: number;
  engaged: boolean;
  /** Visitor messages that reached an agent's screen / were read by the agent (up to seq). */
  agentDelivered: number;
  agentRead: number;
  /** Agent messages that reached the visitor's screen / were read by the visitor. */
  visitorDelivered: number;
  visitorRead: number;
  startedAt: number;
  updatedAt: number;
  connectedAt: number | null;
  endedAt: number | null;
  endReason: string | null;
}

export interface Visitor {
  id: string;
  profile: Record<string, string>;
}

/** Who sent an item with a client id: the visitor, or an agent (`a:<userId>`), so client ids never collide. */
export type Sender = 'v' | `a:${string}`;

// `last_seq` is saved with the record, but entries are appended without saving it (one write less per step):
// the newest entry's seq, found through the primary key, is the truth.
export const LAST =
  '(select last_seq from item_rows i where i.conversation_id = c.id order by seq desc limit 1) max_seq';

export const toRecord = (r: any): ConversationRecord => ({
  id: r.id,
  visitorId: r.visitor_id,
  dialogueId: r.dialogue_id,
  streamId: r.stream_id,
  version: r.version,
  status: r.status,
  engine: JSON.parse(r.engine),
  agentId: r.agent_id,
  routing: r.routing ? JSON.parse(r.routing) : null,
  lastSeq: Math.max(r.last_seq, r.max_seq ?? 0),
  engaged: !!r.engaged,
  agentDelivered: r.agent_delivered,
  agentRead: r.agent_read,
  visitorDelivered: r.visitor_delivered,
  visitorRead: r.visitor_read,
  startedAt: r.started_at,
  updatedAt: r.updated_at,
  connectedAt: r.connected_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
});

export interface ConversationQuery {
  agentId?: string;
  visitorId?: string;
  status?: ConversationStatus;
  before?: number;
  limit: number;
}

/** The record's column values by name (JSON columns as text), for both backends' insert and update. */
export function conversationParams(c: ConversationRecord) {
  return {
    ...c,
    engine: JSON.stringify(c.engine),
    routing: c.routing == null ? null : JSON.stringify(c.routing),
  };
}

/** The entries of stored item rows (JSON arrays, in seq order) with `seq > afterSeq`. */
export function itemsOfRows(rows: { body: string }[], afterSeq: number): TranscriptItem[] {
  return rows.flatMap((r) => (JSON.parse(r.body) as TranscriptItem[]).filter((i) => i.seq > afterSeq));
}

/** Every client id among a transcript's entries (`sender|clientId` → seq), to answer resends from memory. */
export function clientSeqsOf(items: TranscriptItem[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) {
    const k = itemKeyOf(i);
    if (k) m.set(`${k[0]}|${k[1]}`, i.seq);
  }
  return m;
}

/** An entry's idempotency key (sender, client id), stored unique in `item_keys`; none for the runtime's own. */
export function itemKeyOf(i: TranscriptItem): [sender: string, clientId: string] | undefined {
  if (i.type === 'visitor') return i.clientId ? ['v', i.clientId] : undefined;
  if (i.type === 'agent' || i.type === 'note') return i.clientId ? [`a:${i.agent.id}`, i.clientId] : undefined;
  return undefined;
}

/**
 * Migration `item-keys` (both backends): the idempotency keys of stored entries, one row per (conversation,
 * sender, client id), so that one message sent to two nodes at the same instant is stored once: a node storing
 * entries among several looks their keys up under the conversation's lock, in the transaction that stores them.
 * Existing entries' keys are filled in by `backfill` (SQL per backend).
 */
export const itemKeysSchema = `
create table item_keys (
  conversation_id text not null,
  sender text not null,
  client_id text not null,
  seq integer not null,
  primary key (conversation_id, sender, client_id)
);`;

/** What `addItems`'s `renumber` returns: the entries to store (those not stored already), renumbered, and texts. */
export interface Renumbered {
  items: readonly TranscriptItem[];
  json: readonly string[];
}

/** The text of one item row: the JSON array of its entries (`json`: their texts when the caller has them). */
export function itemRowBody(items: readonly TranscriptItem[], json?: readonly string[]): string {
  return `[${(json ?? items.map((i) => JSON.stringify(i))).join(',')}]`;
}

/**
 * Visitors, conversations and transcripts (an aggregate). The writes are the live layer's hot path: queued in
 * this turn's unit of work (one transaction a turn), each resolving once durable; the live layer acknowledges
 * through `commit.after` and ignores the promises.
 */
export interface Conversations {
  /** Stores a visitor (a no-op when it exists). */
  createVisitor(id: string, now?: number): Promise<void>;
  visitor(id: string): Promise<Visitor | undefined>;
  setProfile(id: string, profile: Record<string, string>, now?: number): Promise<void>;
  insert(c: ConversationRecord): Promise<void>;
  save(c: ConversationRecord): Promise<void>;
  get(id: string): Promise<ConversationRecord | undefined>;
  /** Stores entries (consecutive seqs of one conversation) as one row. `json` is their JSON texts when the
   * caller has them already. With `renumber` (several nodes append to one conversation), the entries go after the
   * stored ones, numbered inside the transaction that stores them: when another node stored entries up to or past
   * the first seq, or already stored some of them (`taken`: index in `items` → the seq their idempotency key was
   * stored with: the same message sent to two nodes at once), `renumber(shift, taken)` is called before they are
   * written; it must give the taken entries their stored seq, number the others consecutively from the first seq
   * plus `shift` (the caller's objects), and return those others with their texts: only they are stored. Every
   * stored entry's key goes into `item_keys`. */
  addItems(
    conversationId: string,
    items: readonly TranscriptItem[],
    json?: readonly string[],
    renumber?: (shift: number, taken: ReadonlyMap<number, number>) => Renumbered,
  ): Promise<void>;
  items(conversationId: string, afterSeq?: number): Promise<TranscriptItem[]>;
  /** Every client id stored for the conversation (`sender|clientId` → seq). */
  clientSeqs(conversationId: string): Promise<Map<string, number>>;
  /** The seq an idempotent message was stored as, if it was. */
  seqOfClientId(conversationId: string, sender: Sender, clientId: string): Promise<number | undefined>;
  /**
   * Stores the idempotency key (sender, client id) of an action that adds no entry under it (the visitor's "talk
   * to a person"; the bot's step run again for a stored reply: docs/scale-out.md), with the conversation's last
   * seq as it was taken. Queued in this turn's transaction, with the action's writes: it FAILS that transaction
   * (or the `atomically` group it is queued in, with the action's writes: the bot's step) when the key is stored
   * already, so that an action taken twice (two nodes, one of them past its lock) is
   * stored once or not at all.
   */
  addKey(conversationId: string, sender: string, clientId: string, seq: number): Promise<void>;
  /** The seq `addKey` stored the key (sender, client id) with, if it did. */
  keyOf(conversationId: string, sender: string, clientId: string): Promise<number | undefined>;
  /**
   * Among several nodes: up to `limit` open conversations with the bot whose last stored entry is the visitor's
   * reply to the card the bot waits on and that have no step stored for it (no `step` key with the reply's client
   * id): the replies a node that died between the reply's commit and the step's left behind, and any whose step
   * is still on its way (docs/scale-out.md). One node alone stores a reply and its step in one commit: none.
   * In id order, those after `after` (a page: the last id of the page before).
   */
  repliesWithoutStep(limit: number, after?: string): Promise<string[]>;
  /** Conversations with a live-chat request in progress (pending offer or open chat), for a restart. */
  routed(): Promise<ConversationRecord[]>;
  /** The visitor's newest conversation that is not over. */
  openOfVisitor(visitorId: string): Promise<ConversationRecord | undefined>;
  /** Newest first. */
  query(q: ConversationQuery): Promise<ConversationRecord[]>;
  /**
   * Conversations whose visitor's profile and transcript hold every word of `q.text` (the last as a prefix),
   * narrowed by the filters, newest first, a page at a time (docs/search.md). Throws `SearchError` for a query
   * of too many words or a cursor this store did not give.
   */
  search(q: ConversationSearch): Promise<SearchPage>;
  markDialogue(visitorId: string, dialogueId: string, what: 'triggered' | 'completed', now?: number): Promise<void>;
  /** Dialogues this visitor has triggered / completed. */
  dialogueHistory(visitorId: string): Promise<Map<string, { triggered: boolean; completed: boolean }>>;
  /**
   * Retention (docs/security.md): deletes up to `limit` conversations that ended before `cutoff` (epoch ms), the
   * oldest first, with every row of theirs in `CONVERSATION_ROWS`; resolves with how many conversations went.
   * Results' counts are history and stay. Conversations still open are never deleted, however old.
   */
  purgeEnded(cutoff: number, limit: number): Promise<number>;
}

/** The where clause of a conversation query, with `?` placeholders (Postgres numbers them). */
export function conversationWhere(q: ConversationQuery): { where: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  if (q.agentId) (where.push('agent_id = ?'), values.push(q.agentId));
  if (q.visitorId) (where.push('visitor_id = ?'), values.push(q.visitorId));
  if (q.status) (where.push('status = ?'), values.push(q.status));
  if (q.before) (where.push('started_at < ?'), values.push(q.before));
  return { where: where.length ? `where ${where.join(' and ')}` : '', values };
}

export const CONVERSATION_COLS = [
  'id',
  'visitor_id',
  'dialogue_id',
  'stream_id',
  'version',
  'status',
  'engine',
  'agent_id',
  'routing',
  'last_seq',
  'engaged',
  'agent_delivered',
  'agent_read',
  'visitor_delivered',
  'visitor_read',
  'started_at',
  'updated_at',
  'connected_at',
  'ended_at',
  'end_reason',
] as const;

/** The columns `save` changes (the others never change once inserted). */
export const CONVERSATION_MUTABLE = CONVERSATION_COLS.filter(
  (c) => !['id', 'visitor_id', 'dialogue_id', 'stream_id', 'version', 'started_at'].includes(c),
);

/**
 * The `set` list of `save`: several nodes may save one conversation's record, each from its own copy, so a save
 * never moves the last seq or a receipt back, and never reopens an ended conversation. `param(col, i)` is the
 * backend's placeholder of the i-th mutable column; `greatest` its two-argument maximum; `skip` columns left out.
 */
export function conversationSet(
  param: (col: string, i: number) => string,
  greatest: string,
  skip: readonly string[] = [],
): string {
  return CONVERSATION_MUTABLE.flatMap((col, i) => {
    if (skip.includes(col)) return [];
    const v = param(col, i);
    if (MONOTONE.has(col)) return `${col} = ${greatest}(${col}, ${v})`;
    if (col === 'status') return `status = case when status = 'ended' then status else ${v} end`;
    if (col === 'ended_at' || col === 'end_reason') return `${col} = coalesce(${col}, ${v})`;
    return `${col} = ${v}`;
  }).join(', ');
}

const MONOTONE = new Set(['last_seq', 'agent_delivered', 'agent_read', 'visitor_delivered', 'visitor_read']);

/** The record's property for a column (`visitor_id` → `visitorId`). */
export const camel = (col: string) => col.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase());

export const toVisitorHistory = (rows: { dialogue_id: string; triggered_at: unknown; completed_at: unknown }[]) =>
  new Map(rows.map((r) => [r.dialogue_id, { triggered: r.triggered_at != null, completed: r.completed_at != null }]));

/**
 * The tables whose rows belong to one conversation (column `conversation_id`), deleted with it by `purgeEnded` in
 * both backends. A new table keyed by conversation is added here.
 */
export const CONVERSATION_ROWS = [
  'item_rows',
  'decisions',
  'callbacks',
  'missed_chats',
  'conversation_context',
  'leads',
  'item_keys',
] as const;
