import type { Database } from 'better-sqlite3';
import { hasUnspaced, itemWords, profileWords, type SearchTerm, type TextMatch } from '../search.ts';
import type { TermCount, TextIndex } from '../searchPlan.ts';

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

/**
 * Migration `runtime/017-search-words`: the index tokens of every visitor and item row kept beside it as well
 * (`search_words`: the row-by-row checks of a search, `sqliteTextIndex`), and the FTS5 entries of the rows with
 * words of an unspaced script (Korean, Chinese, Japanese) written again, now with the parts of those words
 * (`indexTokens`): `민수` finds `김민수`.
 */
export function searchWordsMigration(db: Database): void {
  db.exec('alter table visitors add column search_words text; alter table item_rows add column search_words text;');
  for (const [select, words, table, column] of [
    [
      'select rowid id, profile t from visitors',
      (t: string) => profileWords(JSON.parse(t)),
      'visitor_search',
      'visitors',
    ],
    ['select id, body t from item_rows', (t: string) => itemWords(JSON.parse(t)), 'item_search', 'item_rows'],
  ] as const) {
    const del = db.prepare(`delete from ${table} where rowid = ?`);
    const keep = db.prepare(`update ${column} set search_words = ? where rowid = ?`);
    backfill(db, select, words, table, (id, text, w) => {
      keep.run(wordsText(w), id);
      return hasUnspaced(text) ? (del.run(id), true) : false;
    });
  }
}

/** Indexes every row of `select` (by its `id` rowid), a thousand at a time (better-sqlite3 cannot write while it
 * iterates a statement). */
function backfill(
  db: Database,
  select: string,
  words: (text: string) => string[],
  table: string,
  /** Whether to index this row with its words (after removing its previous entry): every row when not given. */
  take: (id: number, text: string, words: string[]) => boolean = () => true,
): void {
  const page = db.prepare<[number], { id: number; t: string }>(
    `select * from (${select}) where id > ? order by id limit 1000`,
  );
  const ins = db.prepare(`insert into ${table} (rowid, words) values (?, ?)`);
  for (let after = 0; ;) {
    const rows = page.all(after);
    if (rows.length === 0) return;
    for (const r of rows) {
      const w = words(r.t);
      if (!take(r.id, r.t, w)) continue;
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

/** The `search_words` value of index tokens: what the FTS5 entry holds, space-separated (null without words). */
export const wordsText = (words: readonly string[]) => (words.length ? words.join(' ') : null);

/**
 * Whether a row's `search_words` holds a term, as its FTS5 entry would: a token equal to the word, or starting
 * with it for a prefix term. Tokens are runs of letters, digits and marks, so spaces delimit them.
 */
const wordsHold = (column: string, t: SearchTerm) =>
  t.prefix ? `instr(' ' || ${column}, ' ' || ?) > 0` : `instr(' ' || ${column} || ' ', ' ' || ? || ' ') > 0`;

/**
 * The search plan's view of the SQLite indexes (`searchPlan.ts`). Its row-by-row checks read the tokens kept
 * beside each indexed row (`visitors.search_words`, `item_rows.search_words`: the contentless FTS5 tables cannot
 * give them back), so they answer exactly what the FTS5 tables answer, on one row.
 */
export function sqliteTextIndex(db: Database): TextIndex {
  const counter = db.prepare<[string, number, string, number], TermCount>(
    `select (select count(*) from (select 1 from visitor_search where visitor_search match ? limit ?)) profiles,
          (select count(*) from (select 1 from item_search where item_search match ? limit ?)) transcripts`,
  );
  const anyProfile = db
    .prepare<[string], number>('select 1 from visitor_search where visitor_search match ? limit 1')
    .pluck();
  const anyTranscript = db
    .prepare<[string], number>('select 1 from item_search where item_search match ? limit 1')
    .pluck();
  const count = (t: SearchTerm, cap: number) => {
    // The word itself first: its index entries are read one by one and the count stops at `cap`, whereas a
    // prefix query merges every entry of every word it expands to before the first one is counted.
    const exact = ftsQuery([{ word: t.word, prefix: false }]);
    const n = counter.get(exact, cap, exact, cap)!;
    if (!t.prefix) return n;
    const q = ftsQuery([t]);
    if (n.profiles + n.transcripts < cap) return counter.get(q, cap, q, cap)!;
    // Enough as a whole word; a side without the word itself is counted as a prefix too, up to one: a side none of
    // whose rows hold the term is never looked at (`holds`).
    return {
      profiles: n.profiles || (anyProfile.get(q) ?? 0),
      transcripts: n.transcripts || (anyTranscript.get(q) ?? 0),
    };
  };
  return {
    ...sqliteTextMatch,
    async counts(terms, cap) {
      return terms.map((t) => count(t, cap));
    },
    inSets(terms, profilesFirst, counts) {
      // Joins read by rowid and index (the `in (…)` chains of `conversations()` cost several times as much).
      const profiles = `select c2.rowid from visitor_search s join visitors v on v.rowid = s.rowid
            join conversations c2 on c2.visitor_id = v.id where visitor_search match ?`;
      const rows = `select c2.rowid from item_search s join item_rows r on r.id = s.rowid
            join conversations c2 on c2.id = r.conversation_id where item_search match ?`;
      if (profilesFirst) {
        // The profiles holding every term (FTS5 intersects them), or a transcript row holding one of them and the
        // rest checked on the conversation's rows.
        const held = terms.map((t, i) => this.holds(t, counts[i]));
        return [
          {
            sql: `c.rowid in (${[profiles, ...terms.map(() => rows)].join(' union ')})
              and ${held.map((h) => h.sql).join(' and ')}`,
            values: [ftsQuery(terms), ...terms.map((t) => ftsQuery([t])), ...held.flatMap((h) => h.values)],
          },
        ];
      }
      // The counts are exact: a side none of whose rows hold a term is not read.
      const sides = (t: SearchTerm, i: number) => [
        ...(counts[i].profiles === 0 ? [] : [{ sql: `c.rowid in (${profiles})`, values: [ftsQuery([t])] }]),
        ...(counts[i].transcripts === 0 ? [] : [{ sql: `c.rowid in (${rows})`, values: [ftsQuery([t])] }]),
      ];
      // One term: a branch a side, each a sorted read of its own (no union of the two sides' row ids first).
      if (terms.length === 1) return sides(terms[0], 0);
      const each = terms.map((t, i) => {
        const s = sides(t, i);
        return { sql: `(${s.map((b) => b.sql).join(' or ')})`, values: s.flatMap((b) => b.values) };
      });
      return [{ sql: each.map((b) => b.sql).join(' and '), values: each.flatMap((b) => b.values) }];
    },
    holds(t, count) {
      // The counts are exact (an FTS5 count): a side none of whose rows hold the term is not looked at.
      const sides = [
        ...(count?.profiles === 0
          ? []
          : [`exists (select 1 from visitors v where v.id = c.visitor_id and ${wordsHold('v.search_words', t)})`]),
        ...(count?.transcripts === 0
          ? []
          : [
              `exists (select 1 from item_conv k join item_rows r on r.id = k.id
                where k.conversation_id = c.id and ${wordsHold('r.search_words', t)})`,
            ]),
      ];
      if (sides.length === 0) return { sql: '0', values: [] };
      return { sql: `(${sides.join(' or ')})`, values: sides.map(() => t.word) };
    },
  };
}

/** The profile index writes, run inside the turn's transaction with the row writes they follow (deletes: the
 * triggers). Transcript rows are indexed a few turns later, in bulk: itemIndex.ts. */
export function sqliteSearchWrites(db: Database) {
  const delVisitor = db.prepare('delete from visitor_search where rowid = (select rowid from visitors where id = ?)');
  const insVisitor = db.prepare('insert into visitor_search (rowid, words) select rowid, ? from visitors where id = ?');
  return {
    /** After the visitor's profile is updated. */
    profile(visitorId: string, words: string[]) {
      delVisitor.run(visitorId);
      if (words.length) insVisitor.run(words.join(' '), visitorId);
    },
  };
}
