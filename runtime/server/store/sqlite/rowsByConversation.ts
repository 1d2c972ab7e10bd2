import type { Database } from 'better-sqlite3';
import type { SqliteCommit } from './commit.ts';

/**
 * How long a transcript row may wait before its entry is written into `item_conv`: the longer, the more entries
 * share a page (at 19,000 visitors, 3 s instead of 1 s took the server's CPU a step from 126–131 to 110–120 µs and
 * its checkpoints' time by a third, for 0.04 kB more heap a visitor while the entries wait).
 */
const DELAY_MS = 3000;
/** Rows past which their entries are written at once. */
const MAX_PENDING = 20_000;
/**
 * Entries written in one transaction: the waiting entries are written in parts of this many, one part a commit, in
 * conversation order (so no page is written by two parts but at their seam). In one transaction, the entries of a
 * second at 19,000 visitors (3,800 rows on ~1,000 leaf pages) held the event loop 17–70 ms once a second, every
 * socket waiting (the pages read back from the WAL and written to it, two writes a page): that was most of the
 * round trip's p99. A part of 128 touches ~120 pages.
 */
const PART = 128;

/**
 * Migration `runtime/020-item-conv`: which transcript rows belong to which conversation, in a table of its own
 * (`item_conv`, ordered by conversation and seq) instead of an index on `item_rows`, so that its entries can be
 * written after their rows. An index by conversation takes each new row's entry to the page of its conversation:
 * at 19,000 visitors a transaction of ten steps wrote ten scattered index pages to the WAL, three quarters of the
 * pages a step wrote (the rows themselves are appended, ten to a page or two). `item_conv_upto` is the newest row
 * whose entry is written, for the catch-up after a crash.
 */
export const itemConvSchema = `
create table item_conv (
  conversation_id text not null,
  seq integer not null,
  last_seq integer not null,
  id integer not null,
  primary key (conversation_id, seq)
) without rowid;
insert into item_conv (conversation_id, seq, last_seq, id)
  select conversation_id, seq, last_seq, id from item_rows order by conversation_id, seq;
create table item_conv_upto (upto integer not null);
insert into item_conv_upto (upto) select coalesce(max(id), 0) from item_rows;
drop index item_rows_seq;
`;

/** A transcript row whose `item_conv` entry is not known to be written yet. */
export interface PendingRow {
  id: number;
  seq: number;
  lastSeq: number;
}

/**
 * The `item_conv` entries of transcript rows, written a few seconds after their rows, in parts ordered by
 * conversation (`PART`): a step's transaction appends its row and nothing else, and the entries of those seconds'
 * steps share the pages of their conversations (measured with 19,000 conversations stepped at random, ten steps a
 * transaction: 1.70 WAL pages a step with the index, 0.67 with entries written each second).
 *
 * The row is the truth and is durable with its step; its entry can always be made again from it. Until the entry
 * is durable the row is `pending` here, and every reader of a conversation's rows reads the pending ones beside
 * `item_conv` (by rowid, checked against the conversation and seq, so that a row whose turn failed is never
 * read). A crash loses only pending entries, and `catchUpRowsByConversation` writes them when the store opens,
 * from the rows stored after `item_conv_upto`.
 */
export interface RowsByConversation {
  /** In the transaction that inserted transcript row `id` (seqs `seq`..`lastSeq`) of `conversationId`. */
  added(conversationId: string, id: number, seq: number, lastSeq: number): void;
  /** The conversation's rows whose entries may not be written yet (oldest first). */
  pending(conversationId: string): readonly PendingRow[];
  /** Resolves once every row added so far has its entry (a reader that reads `item_conv` in SQL awaits it). */
  current(): Promise<void>;
  /** The conversations were deleted with their rows. */
  forget(conversationIds: readonly string[]): void;
  /** Writes nothing more (the store is closing); pending entries are written when the store opens again. */
  stop(): void;
}

const indexes = new WeakMap<Database, RowsByConversation>();

/** The one `RowsByConversation` of `db`. */
export function sqliteRowsByConversation(db: Database, commit: SqliteCommit): RowsByConversation {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = create(db, commit)));
  return index;
}

type Entry = [conversationId: string, seq: number, lastSeq: number, id: number];

function create(db: Database, commit: SqliteCommit): RowsByConversation {
  // Only rows that exist as they were added: a row whose turn failed is left out (its id may be another's now).
  const write = db.prepare(
    `insert or ignore into item_conv (conversation_id, seq, last_seq, id)
     select r.conversation_id, r.seq, r.last_seq, r.id from json_each(?) e
     join item_rows r on r.id = e.value ->> 3 and r.conversation_id = e.value ->> 0 and r.seq = e.value ->> 1
     order by r.conversation_id, r.seq`,
  );
  const setUpto = db.prepare('update item_conv_upto set upto = max(upto, ?)');
  const byConversation = new Map<string, PendingRow[]>();
  /** Entries not taken by a write yet. */
  let unwritten: Entry[] = [];
  /** Entries taken by the writes in progress, in conversation order; those from `next` on are not written yet. */
  let taken: Entry[] = [];
  let next = 0;
  /** The newest row of those taken so far: `item_conv_upto` once they are all written. */
  let takenUpto = 0;
  /** Readers waiting for every entry (`current`): the next write takes every entry at once rather than one part. */
  let rushers = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let stopped = false;
  const settle = (written: readonly Entry[]) => {
    for (const [conversationId, , , id] of written) {
      const rows = byConversation.get(conversationId);
      if (!rows) continue;
      const left = rows.filter((r) => r.id !== id);
      if (left.length) byConversation.set(conversationId, left);
      else byConversation.delete(conversationId);
    }
  };
  /** Writes the next part of `taken` (taking what is unwritten first when nothing is left), in a turn's
   * transaction; resolves once it is durable (or put back, if that failed). */
  const writePart = (): Promise<void> => {
    let part: Entry[] = [];
    return commit
      .queue(() => {
        // Taken when the write runs, so that the entries of a write that failed before it (put back) go with it.
        const rush = rushers > 0;
        if (next === taken.length || rush) {
          taken = taken.slice(next).concat(unwritten);
          next = 0;
          unwritten = [];
          taken.sort(byKey);
          for (const e of taken) takenUpto = Math.max(takenUpto, e[3]);
        }
        part = taken.slice(next, rush ? taken.length : next + PART);
        next += part.length;
        if (part.length === 0) return;
        write.run(JSON.stringify(part));
        if (next === taken.length) setUpto.run(takenUpto);
      }, true)
      .then(
        () => settle(part),
        // The store closing under it, or a failed turn: the rows stay pending and are written with the next.
        () => {
          unwritten = part.concat(taken.slice(next), unwritten);
          taken = [];
          next = 0;
        },
      );
  };
  const writeAll = (): Promise<void> =>
    writePart().then(() => (next < taken.length && !stopped ? writeAll() : undefined));
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (writing) return writing.then(() => (unwritten.length ? flush() : undefined));
    if (unwritten.length === 0) return Promise.resolve();
    const done = writeAll().then(() => {
      writing = undefined;
    });
    writing = done;
    return done;
  };
  return {
    added(conversationId, id, seq, lastSeq) {
      let rows = byConversation.get(conversationId);
      if (!rows) byConversation.set(conversationId, (rows = []));
      rows.push({ id, seq, lastSeq });
      unwritten.push([conversationId, seq, lastSeq, id]);
      if (stopped) return;
      // (While a write is in progress its parts go on; the timer takes what came meanwhile.)
      if (unwritten.length >= MAX_PENDING && !writing) void flush();
      else if (!timer) {
        timer = setTimeout(flush, DELAY_MS);
        timer.unref();
      }
    },
    pending: (conversationId) => byConversation.get(conversationId) ?? [],
    current: () => {
      if (stopped) return Promise.resolve();
      rushers++;
      return flush().finally(() => rushers--);
    },
    forget(conversationIds) {
      const gone = new Set(conversationIds);
      for (const id of gone) byConversation.delete(id);
      unwritten = unwritten.filter((e) => !gone.has(e[0]));
      taken = taken.slice(next).filter((e) => !gone.has(e[0]));
      next = 0;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

const byKey = (a: Entry, b: Entry) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);

/**
 * Writes the entries of transcript rows stored after `item_conv_upto` (pending when the process died). Runs once
 * when the store opens, before any other write.
 */
export function catchUpRowsByConversation(db: Database): void {
  db.transaction(() => {
    db.prepare(
      `insert or ignore into item_conv (conversation_id, seq, last_seq, id)
       select conversation_id, seq, last_seq, id from item_rows where id > (select upto from item_conv_upto)
       order by conversation_id, seq`,
    ).run();
    db.prepare('update item_conv_upto set upto = (select coalesce(max(id), upto) from item_rows)').run();
  })();
}
