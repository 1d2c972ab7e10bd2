import type { Database } from 'better-sqlite3';
import {
  CONVERSATION_ROWS,
  CONVERSATION_COLS,
  conversationSet,
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
import { sqliteRowsByConversation } from './rowsByConversation.ts';
import { sqliteSearchWrites, sqliteTextIndex, wordsText } from './search.ts';

// `last_seq` is saved with the record, but entries are appended without saving it (one write less per step): the
// newest entry's seq is the truth, in `item_conv` or among the conversation's pending rows (rowsByConversation.ts).
const LAST = '(select last_seq from item_conv k where k.conversation_id = c.id order by seq desc limit 1) max_seq';

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
  // SQLite rewrites the entries of every index on a column the update sets, changed or not: a save that keeps the
  // status and the agent (most of them: a step that moves the engine on) leaves `conversations_open` and
  // `conversations_agent` alone, two pages of the WAL less.
  const updSame = db.prepare(
    `update conversations set ${conversationSet((c) => `@${camel(c)}`, 'max', ['status', 'agent_id'])}
     where id = @id and status = @status and agent_id is @agentId`,
  );
  const getConv = db.prepare(`select c.*, ${LAST} from conversations c where id = ?`);
  const rowsBy = sqliteRowsByConversation(db, commit);
  const insRow = db.prepare(
    'insert into item_rows (conversation_id, seq, last_seq, body, search_words) values (?, ?, ?, ?, ?)',
  );
  const rowsAfter = db.prepare<[string, number], { id: number; seq: number; body: string }>(
    `select r.id, k.seq, r.body from item_conv k join item_rows r on r.id = k.id
     where k.conversation_id = ? and k.last_seq > ? order by k.seq`,
  );
  // Pending rows as stored (a row whose turn failed is not there, or is another conversation's now).
  const pendingRows = db.prepare<[string, string], { id: number; seq: number; last_seq: number; body: string }>(
    `select id, seq, last_seq, body from item_rows where id in (select value from json_each(?)) and conversation_id = ?
     order by seq`,
  );
  const seen = db.prepare(
    `insert into visitor_dialogues (visitor_id, dialogue_id, triggered_at, completed_at) values (?, ?, ?, ?)
     on conflict (visitor_id, dialogue_id) do update set triggered_at = coalesce(triggered_at, excluded.triggered_at),
       completed_at = coalesce(excluded.completed_at, completed_at)`,
  );
  const params = (c: Parameters<typeof conversationParams>[0]) => ({ ...conversationParams(c), engaged: +c.engaged });
  /** The conversation's pending rows with entries after `afterSeq`, as stored. */
  const pendingOf = (conversationId: string, afterSeq: number) => {
    const ids = rowsBy
      .pending(conversationId)
      .filter((r) => r.lastSeq > afterSeq)
      .map((r) => r.id);
    return ids.length ? pendingRows.all(JSON.stringify(ids), conversationId) : [];
  };
  const rowsOf = (conversationId: string, afterSeq: number) => {
    const rows = rowsAfter.all(conversationId, afterSeq);
    const pending = pendingOf(conversationId, afterSeq);
    if (pending.length === 0) return rows;
    // An entry written since the row was added is read twice until its write is durable.
    const ids = new Set(rows.map((r) => r.id));
    return [...rows, ...pending.filter((r) => !ids.has(r.id))].sort((a, b) => a.seq - b.seq);
  };
  const items = (conversationId: string, afterSeq: number) => itemsOfRows(rowsOf(conversationId, afterSeq), afterSeq);
  const lastSeqIn = db.prepare('select max(last_seq) from item_conv where conversation_id = ?').pluck();
  const maxSeq = (conversationId: string) =>
    Math.max(
      (lastSeqIn.get(conversationId) as number | null) ?? 0,
      ...pendingOf(conversationId, 0).map((r) => r.last_seq),
    );
  const record = (r: unknown) => {
    const c = toRecord(r);
    if (rowsBy.pending(c.id).length) c.lastSeq = Math.max(c.lastSeq, maxSeq(c.id));
    return c;
  };
  // One writer (a SQLite file is never shared by nodes: docs/scale-out.md): the live layer answers resends from the
  // client ids of the stored entries, and `item_keys` is not written, an index insert and its WAL pages less per
  // step. Only `renumber` (several nodes, which this backend never serves; the store contract exercises it) looks
  // a key up, in the entries themselves: the first entry holding it keeps it.
  const keySeq = (conversationId: string, clientId: string, sender: string) =>
    items(conversationId, 0).find((i) => {
      const k = itemKeyOf(i);
      return k !== undefined && k[0] === sender && k[1] === clientId;
    })?.seq;
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
      return commit.queue(() => void (updSame.run(p).changes || updConv.run(p)));
    },
    async get(id) {
      const r = getConv.get(id);
      return r ? record(r) : undefined;
    },
    addItems(conversationId, list, json, renumber) {
      if (list.length === 0) return Promise.resolve();
      const words = itemWords(list);
      if (renumber)
        return commit.queue(() => {
          const stored = maxSeq(conversationId);
          const taken = new Map<number, number>();
          list.forEach((item, i) => {
            const k = itemKeyOf(item);
            const seq = k && keySeq(conversationId, k[1], k[0]);
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
          rowsBy.added(conversationId, Number(row.lastInsertRowid), items[0].seq, last);
          if (w.length) itemIndex.added(row.lastInsertRowid);
        });
      const body = itemRowBody(list, json);
      const first = list[0].seq;
      const last = list[list.length - 1].seq;
      const text = wordsText(words);
      return commit.queue(() => {
        const row = insRow.run(conversationId, first, last, body, text);
        rowsBy.added(conversationId, Number(row.lastInsertRowid), first, last);
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
        .map(record);
    },
    async openOfVisitor(visitorId) {
      const r = db
        .prepare(
          `select c.*, ${LAST} from conversations c where visitor_id = ? and status <> 'ended' order by started_at desc limit 1`,
        )
        .get(visitorId);
      return r ? record(r) : undefined;
    },
    async query(q) {
      const { where, values } = conversationWhere(q);
      return db
        .prepare(`select c.*, ${LAST} from conversations c ${where} order by started_at desc limit ?`)
        .all(...values, q.limit)
        .map(record);
    },
    async search(q) {
      await Promise.all([itemIndex.current(), rowsBy.current()]);
      const rows = await searchRows(textIndex, q, `c.*, ${LAST}`, async (sql, values) =>
        db.prepare(sql).all(...values),
      );
      return toPage(rows.map(record), q.limit);
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
        // Transcript rows are found through `item_conv` (and the pending ones by rowid): no index by conversation.
        const pending = JSON.stringify(ids.flatMap((id) => rowsBy.pending(id).map((r) => r.id)));
        db.prepare(
          `delete from item_rows where id in (select id from item_conv where conversation_id in (select value from json_each(?)))
             or (id in (select value from json_each(?)) and conversation_id in (select value from json_each(?)))`,
        ).run(list, pending, list);
        db.prepare('delete from item_conv where conversation_id in (select value from json_each(?))').run(list);
        rowsBy.forget(ids);
        for (const table of [...CONVERSATION_ROWS.filter((t) => t !== 'item_rows'), 'conversations'])
          db.prepare(
            `delete from ${table} where ${table === 'conversations' ? 'id' : 'conversation_id'} in (select value from json_each(?))`,
          ).run(list);
        return ids.length;
      });
    },
  };
}
