import type { Database } from 'better-sqlite3';
import { itemWords, profileWords, type SearchTerm, type TextMatch } from '../search.ts';

// unicode61 with marks as word characters and no diacritic folding: the words are already cut by `searchWords`,
// FTS5 only has to keep them as they are (PostgreSQL's index stores them as they are too).
const TOKENIZE = `tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"`;

/**
 * Migration `runtime/012-search`: two contentless FTS5 tables (only the index is kept, the text is in `visitors`
 * and `item_rows` already) whose rowids are those of the rows they index, an index for newest-first pages, and the
 * backfill of what is stored already.
 */
export function searchMigration(db: Database): void {
  db.exec(`
    create virtual table visitor_search using fts5(words, content = '', contentless_delete = 1, ${TOKENIZE});
    create virtual table item_search using fts5(words, content = '', contentless_delete = 1, ${TOKENIZE});
    create index conversations_started on conversations (started_at, id);
    -- Whatever deletes a visitor or an item row (retention, erasing a person) deletes its words with it, so a
    -- rowid used again never inherits them.
    create trigger visitors_search_delete after delete on visitors begin
      delete from visitor_search where rowid = old.rowid;
    end;
    create trigger item_rows_search_delete after delete on item_rows begin
      delete from item_search where rowid = old.id;
    end;
  `);
  backfill(db, 'select rowid id, profile t from visitors', (t) => profileWords(JSON.parse(t)), 'visitor_search');
  backfill(db, 'select id, body t from item_rows', (t) => itemWords(JSON.parse(t)), 'item_search');
}

/** Indexes every row of `select` (by its `id` rowid), a thousand at a time (better-sqlite3 cannot write while it
 * iterates a statement). */
function backfill(db: Database, select: string, words: (text: string) => string[], table: string): void {
  const page = db.prepare<[number], { id: number; t: string }>(
    `select * from (${select}) where id > ? order by id limit 1000`,
  );
  const ins = db.prepare(`insert into ${table} (rowid, words) values (?, ?)`);
  for (let after = 0; ;) {
    const rows = page.all(after);
    if (rows.length === 0) return;
    for (const r of rows) {
      const w = words(r.t);
      if (w.length) ins.run(r.id, w.join(' '));
    }
    after = rows[rows.length - 1].id;
  }
}

/** An FTS5 query of terms, all required: each a quoted string (nothing typed is FTS5 syntax), the prefix ones
 * followed by `*`. */
export const ftsQuery = (terms: readonly SearchTerm[]) =>
  terms.map((t) => `"${t.word.replaceAll('"', '""')}"${t.prefix ? '*' : ''}`).join(' ');

export const sqliteTextMatch: TextMatch = {
  conversations(terms) {
    // A term is found in the visitor's profile (every conversation of that visitor) or in a transcript row;
    // every term must be found, each somewhere.
    const one = `select id from (
      select c2.id id from conversations c2 where c2.visitor_id in (
        select v.id from visitors v where v.rowid in (select rowid from visitor_search where visitor_search match ?))
      union select r.conversation_id from item_rows r where r.id in (
        select rowid from item_search where item_search match ?))`;
    return {
      sql: terms.map(() => one).join(' intersect '),
      values: terms.flatMap((t) => [ftsQuery([t]), ftsQuery([t])]),
    };
  },
  visitors(terms) {
    return {
      sql: 'select v.id from visitors v where v.rowid in (select rowid from visitor_search where visitor_search match ?)',
      values: [ftsQuery(terms)],
    };
  },
};

/** The index writes, run inside the turn's transaction with the row writes they follow (deletes: the triggers). */
export function sqliteSearchWrites(db: Database) {
  const delVisitor = db.prepare('delete from visitor_search where rowid = (select rowid from visitors where id = ?)');
  const insVisitor = db.prepare('insert into visitor_search (rowid, words) select rowid, ? from visitors where id = ?');
  const insItems = db.prepare('insert into item_search (rowid, words) values (?, ?)');
  return {
    /** After the visitor's profile is updated. */
    profile(visitorId: string, words: string[]) {
      delVisitor.run(visitorId);
      if (words.length) insVisitor.run(words.join(' '), visitorId);
    },
    /** After an item row is inserted as `rowid`. */
    items(rowid: number | bigint, words: string[]) {
      if (words.length) insItems.run(rowid, words.join(' '));
    },
  };
}
