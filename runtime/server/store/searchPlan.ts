import {
  encodeCursor,
  filterWhere,
  searchTerms,
  type ConversationSearch,
  type SearchTerm,
  type TextMatch,
} from './search.ts';

/**
 * How a conversation search is answered (docs/search.md "How a page is found"), the same on both backends. A page
 * is 50 conversations newest first, so building every match of a frequent word and sorting it (what a plain
 * `c.id in (matches)` does) costs as much as the word is frequent, while the page needs a few dozen:
 *
 * 1. each term's matches are counted in the index, up to `CAP` index rows (cheap: the index stops there);
 * 2. the rarest term under `CAP` drives: its conversations (at most a few thousand) are the candidates, sorted,
 *    narrowed by the sets of the terms about as rare and checked against the remaining terms row by row (`holds`: the visitor's profile or a transcript row of the
 *    conversation holds the term, read on those rows);
 * 3. when every term is frequent, the conversations themselves are the candidates, walked newest first
 *    (`conversations_started`) in growing windows and checked row by row until the page is full: a frequent word
 *    fills it within a few dozen conversations.
 *
 * A walk that finds too little (every word frequent, their combination rare) stops after `MAX_WALK` conversations
 * and lets the rarest term drive from there.
 */
export interface TextIndex extends TextMatch {
  /** How many index rows (profiles and transcript rows) hold the term, counted up to `cap`. */
  count(term: SearchTerm, cap: number): Promise<number>;
  /**
   * A condition on `conversations c`: c is among the conversations holding the term, read from the index whole
   * (a rare term's set).
   */
  inSet(term: SearchTerm): { sql: string; values: unknown[] };
  /** The column of `conversations` that identifies a row cheapest (SQLite's rowid, PostgreSQL's id). */
  key: string;
  /** A condition on `conversations c` that checks a term on its rows (no index): `?` placeholders. */
  holds(term: SearchTerm): { sql: string; values: unknown[] };
}

/** Runs a select with `?` placeholders. */
export type Select = (sql: string, values: unknown[]) => Promise<any[]>;

/** Index rows counted per term: a term held by fewer drives the search. */
export const CAP = 5_000;
/** Conversations in the first window of a walk (each next one is 4 times as large). */
const FIRST_WINDOW = 1_024;
/** Conversations walked before the rarest term drives instead. */
const MAX_WALK = 40_000;

const ORDER = 'order by c.started_at desc, c.id desc';
const whereOf = (where: string[]) => (where.length ? `where ${where.join(' and ')}` : '');

/** The rows (`columns` of `conversations c`) of one search page, one more than `q.limit` when another follows. */
export async function searchRows(index: TextIndex, q: ConversationSearch, columns: string, select: Select) {
  const terms = searchTerms(q.text);
  const want = q.limit + 1;
  if (terms.length === 0) {
    const { where, values } = filterWhere(q);
    return select(`select ${columns} from conversations c ${whereOf(where)} ${ORDER} limit ?`, [...values, want]);
  }
  const counts = await Promise.all(terms.map((t) => index.count(t, CAP)));
  const ranked = terms.map((t, i) => ({ t, n: counts[i] })).sort((a, b) => a.n - b.n);
  if (ranked[0].n === 0) return [];
  if (ranked[0].n < CAP) return driven(index, q, ranked, columns, select, want);

  // Every term is frequent: walk newest first, a window at a time. Within a window the conversations are read in
  // order and checked one by one, and the read stops when the page is full (a frequent word: within a few dozen).
  const rows: any[] = [];
  const held = terms.map((t) => index.holds(t));
  let cursor = q.cursor;
  for (let size = FIRST_WINDOW, walked = 0; ; walked += size, size *= 4) {
    const { where, values } = filterWhere({ ...q, cursor });
    const [edge]: { id: string; started_at: number }[] = await select(
      `select c.id, c.started_at from conversations c ${whereOf(where)} ${ORDER} limit 1 offset ?`,
      [...values, size - 1],
    );
    if (walked >= MAX_WALK && edge) {
      const rest = await driven(index, { ...q, cursor }, ranked, columns, select, want - rows.length);
      return [...rows, ...rest];
    }
    const inWindow = edge ? ['(c.started_at > ? or (c.started_at = ? and c.id >= ?))'] : [];
    const edgeValues = edge ? [edge.started_at, edge.started_at, edge.id] : [];
    rows.push(
      ...(await select(
        `select ${columns} from conversations c ${whereOf([...where, ...inWindow, ...held.map((h) => h.sql)])}
         ${ORDER} limit ?`,
        [...values, ...edgeValues, ...held.flatMap((h) => h.values), want - rows.length],
      )),
    );
    if (rows.length >= want || !edge) return rows;
    cursor = encodeCursor({ startedAt: Number(edge.started_at), id: edge.id });
  }
}

/**
 * The rarest term's conversations, narrowed by the sets of the terms about as rare and checked row by row against
 * the others, newest first.
 */
async function driven(
  index: TextIndex,
  q: ConversationSearch,
  ranked: { t: SearchTerm; n: number }[],
  columns: string,
  select: Select,
  want: number,
) {
  const { where, values } = filterWhere(q);
  // Another term's set is worth building when it is about as small as the rarest one's; otherwise checking the
  // rarest term's few candidates row by row is cheaper than reading the other term's whole set.
  const asSet = (r: { n: number }, i: number) => i === 0 || (r.n < CAP && r.n <= 2 * ranked[0].n);
  const sets = ranked.filter(asSet).map((r) => index.inSet(r.t));
  const held = ranked.filter((r, i) => !asSet(r, i)).map((r) => index.holds(r.t));
  const candidates = whereOf([...sets.map((m) => m.sql), ...where]);
  const setValues = [...sets.flatMap((m) => m.values), ...values];
  if (held.length === 0)
    return select(`select ${columns} from conversations c ${candidates} ${ORDER} limit ?`, [...setValues, want]);
  // The candidates sorted first (cheap: a few thousand keys), then checked a window at a time in that order
  // until the page is full: a term held by a fifth of them fills it within the first windows.
  const keys: { k: unknown }[] = await select(
    `select c.${index.key} k from conversations c ${candidates} ${ORDER}`,
    setValues,
  );
  const rows: any[] = [];
  for (let at = 0, size = 64; at < keys.length && rows.length < want; at += size, size *= 4) {
    const window = keys.slice(at, at + size);
    rows.push(
      ...(await select(
        `select ${columns} from conversations c where c.${index.key} in (${window.map(() => '?').join(', ')})
         and ${held.map((h) => h.sql).join(' and ')} ${ORDER} limit ?`,
        [...window.map((w) => w.k), ...held.flatMap((h) => h.values), want - rows.length],
      )),
    );
  }
  return rows;
}
