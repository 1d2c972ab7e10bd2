import type pg from 'pg';
import {
  CONVERSATION_ROWS,
  CONVERSATION_COLS,
  LAST,
  camel,
  clientSeqsOf,
  conversationParams,
  conversationWhere,
  itemKeyOf,
  itemsOfRows,
  toRecord,
  toVisitorHistory,
  type ConversationRecord,
  type Conversations,
} from '../conversations.ts';
import type { TranscriptItem } from '../../../../shared/protocol/common.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';
import { itemWords, profileWords, toPage } from '../search.ts';
import { searchRows } from '../searchPlan.ts';
import { pgTextIndex } from './search.ts';
import { ITEM_ROWS, PROFILES, RECORDS, addItemRow, addProfile, addRecord } from './conversationWrites.ts';

const INSERT = `insert into conversations (${CONVERSATION_COLS.join(', ')})
  values (${CONVERSATION_COLS.map((_, i) => `$${i + 1}`).join(', ')})`;

const values = (c: ConversationRecord, cols: readonly string[]) => {
  const p = conversationParams(c) as unknown as Record<string, unknown>;
  return cols.map((col) => p[camel(col)]);
};

export function pgConversations(pool: pg.Pool, commit: PgCommit): Conversations {
  const textIndex = pgTextIndex(pool);
  const write = (sql: string, vals: unknown[]) => commit.statement(sql, vals);
  const items = async (conversationId: string, afterSeq: number) =>
    itemsOfRows(
      await query<{ body: string }>(
        pool,
        'select body from item_rows where conversation_id = ? and last_seq > ? order by seq',
        [conversationId, afterSeq],
      ),
      afterSeq,
    );
  return {
    createVisitor(id, now = Date.now()) {
      return write(
        'insert into visitors (id, profile, created_at, last_seen) values ($1, $2, $3, $4) on conflict do nothing',
        [id, '{}', now, now],
      );
    },
    async visitor(id) {
      const [r] = await query<{ id: string; profile: string }>(pool, 'select id, profile from visitors where id = ?', [
        id,
      ]);
      return r && { id: r.id, profile: JSON.parse(r.profile) };
    },
    setProfile(id, profile, now = Date.now()) {
      const text = JSON.stringify(profile);
      const words = profileWords(profile);
      return commit.gather(PROFILES, (rows) => addProfile(rows, id, text, now, words));
    },
    insert(c) {
      return write(INSERT, values(c, CONVERSATION_COLS));
    },
    save(c) {
      return commit.gather(RECORDS, (rows) => addRecord(rows, c));
    },
    async get(id) {
      const [r] = await query(pool, `select c.*, ${LAST} from conversations c where id = ?`, [id]);
      return r ? toRecord(r) : undefined;
    },
    addItems(conversationId, list, json, renumber) {
      if (list.length === 0) return Promise.resolve();
      if (renumber)
        return commit.queue(async (c) => {
          // Held until the transaction ends: nodes number one conversation's entries one at a time, so what
          // another node stored is visible here, seqs and idempotency keys both. The three go out together (the
          // commit connection is pipelined): PostgreSQL runs them in turn, and each of the two reads takes its
          // snapshot once the lock is held, so one round trip reads what three did one after the other.
          const [, r, taken] = await Promise.all([
            c.query('select pg_advisory_xact_lock(hashtext($1))', [`tributary:items:${conversationId}`]),
            c.query<{ m: number | null }>(
              'select last_seq m from item_rows where conversation_id = $1 order by seq desc limit 1',
              [conversationId],
            ),
            takenKeys(c, conversationId, list),
          ]);
          const stored = Number(r.rows[0]?.m ?? 0);
          let items: readonly TranscriptItem[] = list;
          let texts = json;
          if (stored >= list[0].seq || taken.size > 0)
            ({ items, json: texts } = renumber(Math.max(0, stored + 1 - list[0].seq), taken));
          if (items.length === 0) return;
          const rows = ITEM_ROWS.create();
          addItemRow(rows, conversationId, items, texts, itemWords(items));
          await ITEM_ROWS.run(c, rows);
        });
      const words = itemWords(list);
      return commit.gather(ITEM_ROWS, (rows) => addItemRow(rows, conversationId, list, json, words));
    },
    items: (conversationId, afterSeq = 0) => items(conversationId, afterSeq),
    async clientSeqs(conversationId) {
      return clientSeqsOf(await items(conversationId, 0));
    },
    async seqOfClientId(conversationId, sender, clientId) {
      return clientSeqsOf(await items(conversationId, 0)).get(`${sender}|${clientId}`);
    },
    addKey(conversationId, sender, clientId, seq) {
      return write('insert into item_keys (conversation_id, sender, client_id, seq) values ($1, $2, $3, $4)', [
        conversationId,
        sender,
        clientId,
        seq,
      ]);
    },
    async keyOf(conversationId, sender, clientId) {
      const [r] = await query<{ seq: number }>(
        pool,
        'select seq from item_keys where conversation_id = ? and sender = ? and client_id = ?',
        [conversationId, sender, clientId],
      );
      return r?.seq;
    },
    async repliesWithoutStep(limit, after = '') {
      // The open ones by conversations_open, then each one's last row by item_rows_seq: one index probe per open
      // conversation with the bot.
      const rows = await query<{ id: string }>(
        pool,
        `select c.id from conversations c
           cross join lateral (select r.body::jsonb -> -1 as e from item_rows r
                               where r.conversation_id = c.id order by r.seq desc limit 1) last
         where c.status = 'bot' and c.id > ? and last.e ->> 'type' = 'visitor'
           and last.e ->> 'cardId' = c.engine::jsonb ->> 'cardId' and c.engine::jsonb ->> 'status' = 'waiting'
           and not exists (select 1 from item_keys k where k.conversation_id = c.id and k.sender = 'step'
                           and k.client_id = last.e ->> 'clientId')
         order by c.id limit ?`,
        [after, limit],
      );
      return rows.map((r) => r.id);
    },
    async routed() {
      return (
        await query(
          pool,
          `select c.*, ${LAST} from conversations c where status in ('waiting', 'live') and routing is not null`,
        )
      ).map(toRecord);
    },
    async openOfVisitor(visitorId) {
      const [r] = await query(
        pool,
        `select c.*, ${LAST} from conversations c where visitor_id = ? and status <> 'ended' order by started_at desc limit 1`,
        [visitorId],
      );
      return r ? toRecord(r) : undefined;
    },
    async query(q) {
      const { where, values: vals } = conversationWhere(q);
      return (
        await query(pool, `select c.*, ${LAST} from conversations c ${where} order by started_at desc limit ?`, [
          ...vals,
          q.limit,
        ])
      ).map(toRecord);
    },
    async search(q) {
      const rows = await searchRows(textIndex, q, `c.*, ${LAST}`, (sql, vals) => query(pool, sql, vals));
      return toPage(rows.map(toRecord), q.limit);
    },
    markDialogue(visitorId, dialogueId, what, now = Date.now()) {
      return write(
        `insert into visitor_dialogues (visitor_id, dialogue_id, triggered_at, completed_at) values ($1, $2, $3, $4)
         on conflict (visitor_id, dialogue_id) do update set
           triggered_at = coalesce(visitor_dialogues.triggered_at, excluded.triggered_at),
           completed_at = coalesce(excluded.completed_at, visitor_dialogues.completed_at)`,
        [visitorId, dialogueId, what === 'triggered' ? now : null, what === 'completed' ? now : null],
      );
    },
    async dialogueHistory(visitorId) {
      return toVisitorHistory(
        await query(
          pool,
          'select dialogue_id, triggered_at, completed_at from visitor_dialogues where visitor_id = ?',
          [visitorId],
        ),
      );
    },
    purgeEnded(cutoff, limit) {
      return commit.queue(async (c) => {
        const ids = (
          await c.query<{ id: string }>(
            "select id from conversations where status = 'ended' and ended_at < $1 order by ended_at limit $2",
            [cutoff, limit],
          )
        ).rows.map((r) => r.id);
        if (ids.length === 0) return 0;
        for (const table of CONVERSATION_ROWS)
          await c.query(`delete from ${table} where conversation_id = any($1)`, [ids]);
        await c.query('delete from conversations where id = any($1)', [ids]);
        return ids.length;
      });
    },
  };
}

/** Which of `list` were stored already by their idempotency key (index → the stored seq). */
async function takenKeys(
  c: pg.PoolClient,
  conversationId: string,
  list: readonly TranscriptItem[],
): Promise<Map<number, number>> {
  const taken = new Map<number, number>();
  const keys = list.map(itemKeyOf);
  const ids = keys.flatMap((k) => (k ? [k[1]] : []));
  if (ids.length === 0) return taken;
  const r = await c.query<{ sender: string; client_id: string; seq: number }>(
    'select sender, client_id, seq from item_keys where conversation_id = $1 and client_id = any($2::text[])',
    [conversationId, ids],
  );
  if (r.rows.length === 0) return taken;
  const stored = new Map(r.rows.map((row) => [`${row.sender}|${row.client_id}`, row.seq]));
  keys.forEach((k, i) => {
    const seq = k && stored.get(`${k[0]}|${k[1]}`);
    if (seq !== undefined) taken.set(i, seq);
  });
  return taken;
}
