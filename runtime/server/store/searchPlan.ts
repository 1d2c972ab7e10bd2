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
 * 1. each term's matches are counted in the index, up to `CAP` index rows (cheap: the index stops there, or the
 *    planner's estimate), all terms at once;
 * 2. the rarest term under `CAP` drives: its conversations (at most a few thousand) are the candidates, intersected
 *    with the sets of the terms about as rare, sorted, and checked against the remaining terms row by row in that
 *    order until the page is full (`holds`: the visitor's profile or a transcript row of the conversation holds
 *    the term, read on those rows);
 * 3. when every term is frequent, the conversations themselves are the candidates, walked newest first
 *    (`conversations_started`) in growing windows and checked row by row until the page is full: a frequent word
 *    fills it within a few dozen conversations.
 *
 * Each step is one statement (a sorted sub-select read lazily by a filtering outer select that stops at the
 * page's size): on PostgreSQL every statement is a round trip, and under load a round trip costs more than the
 * reading. A walk that finds too little (every word frequent, their combination rare) stops after `MAX_WALK`
 * conversations and lets the rarest term drive from there.
 */
export interface TextIndex extends TextMatch {
  /**
   * How many profiles and how many transcript rows hold each term, counted (or estimated) up to `cap` each.
   */
  counts(terms: readonly SearchTerm[], cap: number): Promise<TermCount[]>;
  /**
   * Conditions on `conversations c`, one per way of finding them (the profiles, the transcript rows): c is among
   * the conversations holding every one of the terms when it meets one of them, the terms' sets read from the
   * index whole and intersected (rare terms). `profilesFirst` (terms found mostly in profiles, like a full name):
   * the profiles holding every term are found in the index at once (one index query of all the terms: a few
   * visitors), and only the conversations of the terms' transcript rows are checked row by row. `counts`: the
   * terms' `counts`, in the same order.
   */
  inSets(terms: readonly SearchTerm[], profilesFirst: boolean, counts: readonly TermCount[]): Branch[];
  /**
   * A condition on `conversations c` that checks a term on its rows (no index): `?` placeholders. `count`: the
   * term's `counts`, when they are exact the rows a term is in none of need no look.
   */
  holds(term: SearchTerm, count?: TermCount): { sql: string; values: unknown[] };
}

/** A condition on `conversations c` with `?` placeholders. */
export interface Branch {
  sql: string;
  values: unknown[];
}

export interface TermCount {
  profiles: number;
  transcripts: number;
}

/** Runs a select with `?` placeholders. */
export type Select = (sql: string, values: unknown[]) => Promise<any[]>;

/** Index rows counted per term: a term held by fewer drives the search. */
export const CAP = 5_000;
/** Conversations in the first window of a walk (each next one is 4 times as large). */
const FIRST_WINDOW = 4_096;
/** Conversations walked before the rarest term drives instead. */
const MAX_WALK = 40_000;
/**
 * A limit no candidate list reaches: a sub-select with a limit is read lazily, in its order, by the select around
 * it (neither backend merges it into the outer select or moves the outer conditions into it).
 */
const ALL = 2_147_483_647;

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
  const counts = await index.counts(terms, CAP);
  const ranked = terms
    .map((t, i) => ({ t, n: Math.min(CAP, counts[i].profiles + counts[i].transcripts), ...counts[i] }))
    .sort((a, b) => a.n - b.n);
  if (ranked[0].n === 0) return [];
  if (ranked[0].n < CAP) return driven(index, q, ranked, columns, select, want);

  // Every term is frequent: walk newest first, a window at a time. The window's conversations are read in order
  // and checked one by one, and the read stops when the page is full (a frequent word: within a few dozen).
  const rows: any[] = [];
  const held = ranked.map((r) => index.holds(r.t, r));
  let cursor = q.cursor;
  for (let size = FIRST_WINDOW, walked = 0; ; walked += size, size *= 4) {
    const { where, values } = filterWhere({ ...q, cursor });
    if (walked >= MAX_WALK) {
      const rest = await driven(index, { ...q, cursor }, ranked, columns, select, want - rows.length);
      return [...rows, ...rest];
    }
    rows.push(
      ...(await select(
        `select ${columns} from (select c.* from conversations c ${whereOf(where)} ${ORDER} limit ?) c
         ${whereOf(held.map((h) => h.sql))} limit ?`,
        [...values, size, ...held.flatMap((h) => h.values), want - rows.length],
      )),
    );
    if (rows.length >= want) return rows;
    // The page is not full: the next window starts after this one's last conversation, if it had `size`.
    const [edge]: { id: string; started_at: number }[] = await select(
      `select c.id, c.started_at from conversations c ${whereOf(where)} ${ORDER} limit 1 offset ?`,
      [...values, size - 1],
    );
    if (!edge) return rows;
    cursor = encodeCursor({ startedAt: Number(edge.started_at), id: edge.id });
  }
}

/**
 * The rarest term's conversations, intersected with the sets of the terms about as rare and checked row by row
 * against the others, newest first.
 */
async function driven(
  index: TextIndex,
  q: ConversationSearch,
  ranked: ({ t: SearchTerm; n: number } & TermCount)[],
  columns: string,
  select: Select,
  want: number,
) {
  const { where, values } = filterWhere(q);
  // Another term's set is worth building when it is about as small as the rarest one's; otherwise checking the
  // rarest term's few candidates row by row is cheaper than reading the other term's whole set.
  const asSet = (r: { n: number }, i: number) => i === 0 || (r.n < CAP && r.n <= 2 * ranked[0].n);
  const setTerms = ranked.filter(asSet);
  // Profiles first when the terms' transcript rows are fewer than any one term's profiles: checking those rows'
  // conversations costs less than building every term's set of profiles.
  const transcripts = setTerms.reduce((sum, r) => sum + r.transcripts, 0);
  const profilesFirst = setTerms.length > 1 && setTerms.every((r) => transcripts < r.profiles);
  const branches = index.inSets(
    setTerms.map((r) => r.t),
    profilesFirst,
    setTerms,
  );
  const held = ranked.filter((r, i) => !asSet(r, i)).map((r) => index.holds(r.t, r));
  // The candidates' keys, each branch read with the filters (a conversation found by its profile and by a
  // transcript row is one candidate: `union`).
  const keys = branches
    .map((b) => `select c.id, c.visitor_id, c.started_at from conversations c ${whereOf([b.sql, ...where])}`)
    .join(' union ');
  const keyValues = branches.flatMap((b) => [...b.values, ...values]);
  // The candidates are sorted and checked by their keys alone, and the page's `columns` read for its rows only:
  // sorting whole rows (and `columns`' sub-selects, which SQLite computes for every row it sorts) costs more than
  // finding the candidates.
  const page = (ids: string, idValues: unknown[]) =>
    select(`select ${columns} from conversations c where c.id in (${ids}) ${ORDER}`, idValues);
  if (held.length === 0) return page(`select c.id from (${keys}) c ${ORDER} limit ?`, [...keyValues, want]);
  // The candidates sorted first (a few thousand), then checked in that order until the page is full: a term held
  // by a fifth of them fills it within the first few hundred.
  return page(
    `select c.id from (select * from (${keys}) c ${ORDER} limit ${ALL}) c
       where ${held.map((h) => h.sql).join(' and ')} limit ?`,
    [...keyValues, ...held.flatMap((h) => h.values), want],
  );
}
