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
  type Renumbered,
} from '../conversations.ts';
import type { TranscriptItem } from '../../../../shared/protocol/common.ts';
import type { Gatherer, PgCommit } from './commit.ts';
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
        return commit.gather(NUMBERINGS, (n) => addNumbering(n, { conversationId, list, json, renumber }), true);
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

/** One conversation's entries to number among several nodes (`addItems` with `renumber`). */
interface Numbering {
  conversationId: string;
  list: readonly TranscriptItem[];
  json: readonly string[] | undefined;
  renumber: (shift: number, taken: ReadonlyMap<number, number>) => Renumbered;
}

/**
 * The entries of a turn's conversations numbered together (`PgCommit.gather` of writes that read): calls made one
 * after the other (the live layer's, for every conversation of a turn, in id order) share one entry, as long as
 * each conversation comes once (a second numbering of one conversation goes after the first, and reads what it
 * wrote). The conversations' locks are taken in the order given and held until the transaction ends, so nodes
 * number one conversation's entries one at a time and what another node stored is visible here, seqs and
 * idempotency keys both; the lock, last seqs and keys of all of them go out together (the commit connection is
 * pipelined, and each read takes its snapshot once the locks are held), then one statement writes every row:
 * two round trips for the turn instead of two per conversation.
 */
const NUMBERINGS: Gatherer<Numberings> = {
  create: () => ({ calls: [], ids: new Set() }),
  async run(c, { calls, ids: idSet }) {
    const ids = [...idSet];
    // Each call's entries' idempotency keys (sender, client id), by index.
    const callKeys = calls.map((n) => n.list.map(itemKeyOf));
    const keyConversations: string[] = [];
    const keyIds: string[] = [];
    calls.forEach((n, i) => {
      for (const k of callKeys[i]) if (k) (keyConversations.push(n.conversationId), keyIds.push(k[1]));
    });
    const [, last, keys] = await Promise.all([
      c.query('select count(pg_advisory_xact_lock(hashtext(k))) from unnest($1::text[]) k', [
        ids.map((id) => `tributary:items:${id}`),
      ]),
      c.query<{ id: string; m: number | null }>(
        `select c.id, (select r.last_seq from item_rows r where r.conversation_id = c.id order by r.seq desc limit 1) m
         from unnest($1::text[]) c(id)`,
        [ids],
      ),
      keyIds.length === 0
        ? undefined
        : c.query<{ conversation_id: string; sender: string; client_id: string; seq: number }>(
            `select k.conversation_id, k.sender, k.client_id, k.seq
             from item_keys k join unnest($1::text[], $2::text[]) u(c, id) on k.conversation_id = u.c and k.client_id = u.id`,
            [keyConversations, keyIds],
          ),
    ]);
    const lastSeq = new Map(last.rows.map((r) => [r.id, Number(r.m ?? 0)]));
    const storedKeys = new Map(
      (keys?.rows ?? []).map((r) => [`${r.conversation_id}|${r.sender}|${r.client_id}`, r.seq]),
    );
    const rows = ITEM_ROWS.create();
    calls.forEach(({ conversationId, list, json, renumber }, i) => {
      const stored = lastSeq.get(conversationId) ?? 0;
      // Which of the entries were stored already by their idempotency key (index → the stored seq).
      const taken = new Map<number, number>();
      callKeys[i].forEach((k, index) => {
        const seq = k && storedKeys.get(`${conversationId}|${k[0]}|${k[1]}`);
        if (seq !== undefined) taken.set(index, seq);
      });
      let items: readonly TranscriptItem[] = list;
      let texts = json;
      if (stored >= list[0].seq || taken.size > 0)
        ({ items, json: texts } = renumber(Math.max(0, stored + 1 - list[0].seq), taken));
      if (items.length > 0) addItemRow(rows, conversationId, items, texts, itemWords(items));
    });
    if (rows.conversation.length > 0) await ITEM_ROWS.run(c, rows);
  },
};

/** A turn's numberings, and their conversations (each comes once). */
interface Numberings {
  calls: Numbering[];
  ids: Set<string>;
}

/** Adds `n` to the numberings, unless its conversation is among them already (then it is numbered after them). */
function addNumbering(numberings: Numberings, n: Numbering): boolean {
  if (numberings.ids.has(n.conversationId)) return false;
  numberings.ids.add(n.conversationId);
  numberings.calls.push(n);
  return true;
}
