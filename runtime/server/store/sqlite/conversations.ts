import type { Database } from 'better-sqlite3';
import {
  CONVERSATION_ROWS,
  CONVERSATION_COLS,
  conversationSet,
  LAST,
  camel,
  clientSeqsOf,
  conversationParams,
  conversationWhere,
  itemKeyOf,
  itemRowBody,
  itemsOfRows,
  toRecord,
  toVisitorHistory,
  type Conversations,
} from '../conversations.ts';
import type { TranscriptItem } from '../../../../shared/protocol/common.ts';
import type { SqliteCommit } from './commit.ts';
import { itemWords, profileWords, toPage } from '../search.ts';
import { searchRows } from '../searchPlan.ts';
import { sqliteItemIndex } from './itemIndex.ts';
import { sqliteSearchWrites, sqliteTextIndex, wordsText } from './search.ts';

export function sqliteConversations(db: Database, commit: SqliteCommit): Conversations {
  const textIndex = sqliteTextIndex(db);
  const insVisitor = db.prepare(
    'insert or ignore into visitors (id, profile, created_at, last_seen) values (?, ?, ?, ?)',
  );
  const getVisitor = db.prepare<[string], { id: string; profile: string }>(
    'select id, profile from visitors where id = ?',
  );
  const setProfile = db.prepare('update visitors set profile = ?, last_seen = ?, search_words = ? where id = ?');
  const insConv = db.prepare(
    `insert into conversations (${CONVERSATION_COLS.join(', ')})
     values (${CONVERSATION_COLS.map((c) => `@${camel(c)}`).join(', ')})`,
  );
  const updConv = db.prepare(
    `update conversations set ${conversationSet((c) => `@${camel(c)}`, 'max')} where id = @id`,
  );
  const getConv = db.prepare(`select c.*, ${LAST} from conversations c where id = ?`);
  const insRow = db.prepare(
    'insert into item_rows (conversation_id, seq, last_seq, body, search_words) values (?, ?, ?, ?, ?)',
  );
  const rowsAfter = db.prepare<[string, number], { body: string }>(
    'select body from item_rows where conversation_id = ? and last_seq > ? order by seq',
  );
  const seen = db.prepare(
    `insert into visitor_dialogues (visitor_id, dialogue_id, triggered_at, completed_at) values (?, ?, ?, ?)
     on conflict (visitor_id, dialogue_id) do update set triggered_at = coalesce(triggered_at, excluded.triggered_at),
       completed_at = coalesce(excluded.completed_at, completed_at)`,
  );
  const params = (c: Parameters<typeof conversationParams>[0]) => ({ ...conversationParams(c), engaged: +c.engaged });
  const items = (conversationId: string, afterSeq: number) =>
    itemsOfRows(rowsAfter.all(conversationId, afterSeq), afterSeq);
  const maxSeq = db.prepare('select max(last_seq) from item_rows where conversation_id = ?').pluck();
  // One writer (a SQLite file is never shared by nodes: docs/scale-out.md): the live layer answers resends from the
  // client ids of the stored entries, and `item_keys` is not written, an index insert and its WAL pages less per
  // step. Only `renumber` (several nodes, which this backend never serves; the store contract exercises it) looks
  // a key up, in the entries themselves: the first entry holding it keeps it.
  const keySeq = db
    .prepare<[string, string, string], number>(
      `select e.value ->> '$.seq' from item_rows r, json_each(r.body) e
       where r.conversation_id = ? and e.value ->> '$.clientId' = ?
         and case e.value ->> '$.type' when 'visitor' then 'v' when 'agent' then 'a:' || (e.value ->> '$.agent.id')
           when 'note' then 'a:' || (e.value ->> '$.agent.id') end = ?
       order by r.seq limit 1`,
    )
    .pluck();
  // The keys of actions without an entry of their own (`addKey`): rare, so written to `item_keys` here too.
  const insKey = db.prepare('insert into item_keys (conversation_id, sender, client_id, seq) values (?, ?, ?, ?)');
  const getKey = db
    .prepare<[string, string, string], number>(
      'select seq from item_keys where conversation_id = ? and sender = ? and client_id = ?',
    )
    .pluck();
  const index = sqliteSearchWrites(db);
  // Transcript words are indexed a few turns later, in bulk (itemIndex.ts); a search first waits for them.
  const itemIndex = sqliteItemIndex(db, commit);
  return {
    createVisitor(id, now = Date.now()) {
      return commit.queue(() => void insVisitor.run(id, '{}', now, now));
    },
    async visitor(id) {
      const r = getVisitor.get(id);
      return r && { id: r.id, profile: JSON.parse(r.profile) };
    },
    setProfile(id, profile, now = Date.now()) {
      const json = JSON.stringify(profile);
      const words = profileWords(profile);
      return commit.queue(() => {
        setProfile.run(json, now, wordsText(words), id);
        index.profile(id, words);
      });
    },
    insert(c) {
      const p = params(c);
      return commit.queue(() => void insConv.run(p));
    },
    save(c) {
      const p = params(c);
      return commit.queue(() => void updConv.run(p));
    },
    async get(id) {
      const r = getConv.get(id);
      return r ? toRecord(r) : undefined;
    },
    addItems(conversationId, list, json, renumber) {
      if (list.length === 0) return Promise.resolve();
      const words = itemWords(list);
      if (renumber)
        return commit.queue(() => {
          const stored = (maxSeq.get(conversationId) as number | null) ?? 0;
          const taken = new Map<number, number>();
          list.forEach((item, i) => {
            const k = itemKeyOf(item);
            const seq = k && keySeq.get(conversationId, k[1], k[0]);
            if (seq !== undefined) taken.set(i, seq);
          });
          let items: readonly TranscriptItem[] = list;
          let texts = json;
          if (stored >= list[0].seq || taken.size > 0)
            ({ items, json: texts } = renumber(Math.max(0, stored + 1 - list[0].seq), taken));
          if (items.length === 0) return;
          const w = taken.size > 0 ? itemWords(items) : words;
          const last = items[items.length - 1].seq;
          const row = insRow.run(conversationId, items[0].seq, last, itemRowBody(items, texts), wordsText(w));
          if (w.length) itemIndex.added(row.lastInsertRowid);
        });
      const body = itemRowBody(list, json);
      const first = list[0].seq;
      const last = list[list.length - 1].seq;
      const text = wordsText(words);
      return commit.queue(() => {
        const row = insRow.run(conversationId, first, last, body, text);
        if (text !== null) itemIndex.added(row.lastInsertRowid);
      });
    },
    async items(conversationId, afterSeq = 0) {
      return items(conversationId, afterSeq);
    },
    async clientSeqs(conversationId) {
      return clientSeqsOf(items(conversationId, 0));
    },
    async seqOfClientId(conversationId, sender, clientId) {
      return clientSeqsOf(items(conversationId, 0)).get(`${sender}|${clientId}`);
    },
    addKey(conversationId, sender, clientId, seq) {
      return commit.queue(() => void insKey.run(conversationId, sender, clientId, seq));
    },
    async keyOf(conversationId, sender, clientId) {
      return getKey.get(conversationId, sender, clientId);
    },
    async repliesWithoutStep() {
      return [];
    },
    async routed() {
      return db
        .prepare(`select c.*, ${LAST} from conversations c where status in ('waiting', 'live') and routing is not null`)
        .all()
        .map(toRecord);
    },
    async openOfVisitor(visitorId) {
      const r = db
        .prepare(
          `select c.*, ${LAST} from conversations c where visitor_id = ? and status <> 'ended' order by started_at desc limit 1`,
        )
        .get(visitorId);
      return r ? toRecord(r) : undefined;
    },
    async query(q) {
      const { where, values } = conversationWhere(q);
      return db
        .prepare(`select c.*, ${LAST} from conversations c ${where} order by started_at desc limit ?`)
        .all(...values, q.limit)
        .map(toRecord);
    },
    async search(q) {
      await itemIndex.current();
      const rows = await searchRows(textIndex, q, `c.*, ${LAST}`, async (sql, values) =>
        db.prepare(sql).all(...values),
      );
      return toPage(rows.map(toRecord), q.limit);
    },
    markDialogue(visitorId, dialogueId, what, now = Date.now()) {
      const t = what === 'triggered' ? now : null;
      const c = what === 'completed' ? now : null;
      return commit.queue(() => void seen.run(visitorId, dialogueId, t, c));
    },
    async dialogueHistory(visitorId) {
      return toVisitorHistory(
        db
          .prepare('select dialogue_id, triggered_at, completed_at from visitor_dialogues where visitor_id = ?')
          .all(visitorId) as any[],
      );
    },
    purgeEnded(cutoff, limit) {
      return commit.queue(() => {
        const ids = db
          .prepare("select id from conversations where status = 'ended' and ended_at < ? order by ended_at limit ?")
          .pluck()
          .all(cutoff, limit) as string[];
        if (ids.length === 0) return 0;
        const list = JSON.stringify(ids);
        for (const table of [...CONVERSATION_ROWS, 'conversations'])
          db.prepare(
            `delete from ${table} where ${table === 'conversations' ? 'id' : 'conversation_id'} in (select value from json_each(?))`,
          ).run(list);
        return ids.length;
      });
    },
  };
}
