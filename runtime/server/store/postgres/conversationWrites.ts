import {
  CONVERSATION_MUTABLE,
  camel,
  conversationParams,
  conversationSet,
  itemKeyOf,
  itemRowBody,
  type ConversationRecord,
} from '../conversations.ts';
import type { TranscriptItem } from '../../../../shared/protocol/common.ts';
import type { Gatherer } from './commit.ts';
import { tsWords } from './search.ts';

/**
 * The writes of a visitor step, one statement for every conversation of a turn (`PgCommit.gather`): a turn with
 * 2,000 conversations stored its rows, records and profiles in 6,000 statements, one round trip each, one after
 * the other on one connection; now in three. Each statement takes its rows as arrays, one per column, through
 * `unnest`.
 */

/** Transcript rows (a conversation's entries of one turn as one row) and their idempotency keys. */
export interface ItemRows {
  conversation: string[];
  seq: number[];
  last: number[];
  body: string[];
  words: (string | null)[];
  keyConversation: string[];
  keySender: string[];
  keyClientId: string[];
  keySeq: number[];
}

/**
 * The rows and their keys in one statement (a data-modifying `with`); a key stored already stays as it is (the
 * entry holding it is the stored one). Two rows of one conversation in one statement are fine: their seqs differ,
 * and of two equal keys the first is kept, as with two statements.
 */
export const ITEM_ROWS: Gatherer<ItemRows> = {
  create: () => ({
    conversation: [],
    seq: [],
    last: [],
    body: [],
    words: [],
    keyConversation: [],
    keySender: [],
    keyClientId: [],
    keySeq: [],
  }),
  run: (c, r) =>
    c.query(
      `with row as (
         insert into item_rows (conversation_id, seq, last_seq, body, search)
         select c, s, l, b, array_to_tsvector(string_to_array(w, ' '))
         from unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[]) as r(c, s, l, b, w))
       insert into item_keys (conversation_id, sender, client_id, seq)
       select * from unnest($6::text[], $7::text[], $8::text[], $9::int[]) on conflict do nothing`,
      [r.conversation, r.seq, r.last, r.body, r.words, r.keyConversation, r.keySender, r.keyClientId, r.keySeq],
    ),
};

/** Adds the entries `items` of one conversation (stored as one row) to `rows`. */
export function addItemRow(
  rows: ItemRows,
  conversationId: string,
  items: readonly TranscriptItem[],
  json: readonly string[] | undefined,
  words: string[],
): true {
  for (const i of items) {
    const k = itemKeyOf(i);
    if (!k) continue;
    rows.keyConversation.push(conversationId);
    rows.keySender.push(k[0]);
    rows.keyClientId.push(k[1]);
    rows.keySeq.push(i.seq);
  }
  rows.conversation.push(conversationId);
  rows.seq.push(items[0].seq);
  rows.last.push(items[items.length - 1].seq);
  rows.body.push(itemRowBody(items, json));
  rows.words.push(tsWords(words));
  return true;
}

/** PostgreSQL's type of each column `save` writes (the array types `unnest` reads). */
const TYPES: Record<string, string> = {
  status: 'text',
  engine: 'text',
  agent_id: 'text',
  routing: 'text',
  last_seq: 'int',
  engaged: 'boolean',
  agent_delivered: 'int',
  agent_read: 'int',
  visitor_delivered: 'int',
  visitor_read: 'int',
  updated_at: 'bigint',
  connected_at: 'bigint',
  ended_at: 'bigint',
  end_reason: 'text',
};
for (const col of CONVERSATION_MUTABLE)
  if (!TYPES[col]) throw new Error(`conversationWrites.ts: no PostgreSQL type for the column ${col}`);

/** Conversation records to save: ids, then one array per mutable column. */
export interface Records {
  ids: Set<string>;
  cols: unknown[][];
}

/** The records in one `update … from unnest(…)`, with `save`'s rules (no seq or receipt moves back). */
export const RECORDS: Gatherer<Records> = {
  create: () => ({ ids: new Set(), cols: [[], ...CONVERSATION_MUTABLE.map(() => [])] }),
  run: (c, r) =>
    c.query(
      `update conversations c set ${conversationSet((_, i) => `v.p${i}`, 'greatest')}
       from unnest($1::text[], ${CONVERSATION_MUTABLE.map((col, i) => `$${i + 2}::${TYPES[col]}[]`).join(', ')})
         as v(vid, ${CONVERSATION_MUTABLE.map((_, i) => `p${i}`).join(', ')})
       where c.id = v.vid`,
      r.cols,
    ),
};

/** Adds a record to `rows`; false if its conversation is among them already (the second save is a statement of
 * its own: one `update … from` would apply only one of two rows for one conversation). */
export function addRecord(rows: Records, c: ConversationRecord): boolean {
  if (rows.ids.has(c.id)) return false;
  rows.ids.add(c.id);
  const p = conversationParams(c) as unknown as Record<string, unknown>;
  rows.cols[0].push(c.id);
  CONVERSATION_MUTABLE.forEach((col, i) => rows.cols[i + 1].push(p[camel(col)] ?? null));
  return true;
}

/** Visitors' profiles to save. */
export interface Profiles {
  ids: Set<string>;
  id: string[];
  profile: string[];
  at: number[];
  words: (string | null)[];
}

export const PROFILES: Gatherer<Profiles> = {
  create: () => ({ ids: new Set(), id: [], profile: [], at: [], words: [] }),
  run: (c, r) =>
    c.query(
      `update visitors v set profile = u.p, last_seen = u.t, search = array_to_tsvector(string_to_array(u.w, ' '))
       from unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) as u(vid, p, t, w) where v.id = u.vid`,
      [r.id, r.profile, r.at, r.words],
    ),
};

/** Adds a profile to `rows`; false if its visitor is among them already (as for records). */
export function addProfile(rows: Profiles, id: string, profile: string, at: number, words: string[]): boolean {
  if (rows.ids.has(id)) return false;
  rows.ids.add(id);
  rows.id.push(id);
  rows.profile.push(profile);
  rows.at.push(at);
  rows.words.push(tsWords(words));
  return true;
}
