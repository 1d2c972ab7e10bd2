import type { Database } from 'better-sqlite3';
import type { SqliteCommit } from './commit.ts';

/** How long a transcript row's words may wait before they are written into `item_search`. */
const DELAY_MS = 200;
/** Rows past which they are written at once. */
const MAX_PENDING = 2000;

/**
 * The full-text entries of transcript rows (`item_search`), written a few turns after their rows rather than in
 * the same transaction. FTS5 writes a new index segment (and merges older ones) in every transaction that adds to
 * it: about 50 µs of CPU and a few WAL pages per transaction, whether it adds one row or a hundred (measured on this
 * machine: a transaction of one transcript row cost 102 µs with its entry, 40–48 µs without). At a few thousand
 * steps a second each turn holds one or two steps, so that was a third of a step. Here the rows of ~200 ms are
 * indexed in one statement, from the words stored beside them (`item_rows.search_words`), as one isolated write of
 * a later turn.
 *
 * A search never misses a row stored before it: every reader of `item_search` awaits `current()` first, which
 * writes whatever is pending. A row deleted before its entry is written gets none (the entries are read from the
 * rows); a crash loses only pending entries, and `catchUp` writes them when the store opens again.
 */
export interface ItemIndex {
  /** In the transaction that inserted transcript row `id` with words. */
  added(id: number | bigint): void;
  /** Resolves once every row added so far has its entry (before reading `item_search`). */
  current(): Promise<void>;
  /** Writes nothing more (the store is closing); rows added later are indexed when the store opens again. */
  stop(): void;
}

const indexes = new WeakMap<Database, ItemIndex>();

/** The one `ItemIndex` of `db` (the transcripts write it, every search awaits it). */
export function sqliteItemIndex(db: Database, commit: SqliteCommit): ItemIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = createItemIndex(db, commit)));
  return index;
}

const noop = () => undefined;

function createItemIndex(db: Database, commit: SqliteCommit): ItemIndex {
  const write = db.prepare(
    `insert into item_search (rowid, words) select id, search_words from item_rows
     where id in (select value from json_each(?)) and search_words is not null order by id`,
  );
  let pending: (number | bigint)[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let stopped = false;
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return writing ?? Promise.resolve();
    const ids = JSON.stringify(pending.map(Number));
    pending = [];
    // Isolated: if it ever failed, the turn it shares a transaction with still commits; the rows keep their
    // words (`search_words`) and are indexed again when the store opens (`catchUp`).
    // A failed write (the store closing under it) is reported by the commit; readers then search what the
    // index holds, so neither they nor anyone else get a rejection to handle.
    const done: Promise<void> = commit
      .queue(() => void write.run(ids), true)
      .then(noop, noop)
      .then(() => {
        if (writing === done) writing = undefined;
      });
    writing = done;
    return done;
  };
  return {
    added(id) {
      pending.push(id);
      if (stopped) return;
      if (pending.length >= MAX_PENDING) void flush();
      else if (!timer) {
        timer = setTimeout(flush, DELAY_MS);
        timer.unref();
      }
    },
    current: () => (stopped ? Promise.resolve() : flush()),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * Writes the entries of transcript rows stored after the last indexed one (pending when the process died). Runs
 * once when the store opens, before any other write.
 */
export function catchUpItemIndex(db: Database): void {
  db.prepare(
    `insert into item_search (rowid, words) select id, search_words from item_rows
     where id > (select coalesce(max(id), 0) from item_search_docsize) and search_words is not null order by id`,
  ).run();
}
