import type pg from 'pg';
import { itemWords, profileWords, type SearchTerm, type TextMatch } from '../search.ts';
import type { TextIndex } from '../searchPlan.ts';
import { query } from './pool.ts';
import { pgTermStats } from './termStats.ts';

/**
 * Migration `runtime/010-search`: a `tsvector` column on `visitors` and on `item_rows` (null when a row has no
 * words), each with a GIN index, an index for newest-first pages, and the backfill of what is stored already. The
 * vectors are built with `array_to_tsvector` from the words `searchWords` cut, so PostgreSQL's parser and
 * dictionaries never change them (both backends find the same things).
 */
export async function pgSearchMigration(c: pg.PoolClient): Promise<void> {
  await c.query(`
    alter table visitors add column search tsvector;
    alter table item_rows add column search tsvector;
    create index conversations_started on conversations (started_at, id);
  `);
  await backfill(c, 'visitors', 'text', 'profile', (t) => profileWords(JSON.parse(t)));
  await backfill(c, 'item_rows', 'bigint', 'body', (t) => itemWords(JSON.parse(t)));
  // Built once the rows are filled: one sorted build instead of a thousand of updates to a GIN index.
  await c.query(`
    create index visitors_search on visitors using gin (search);
    create index item_rows_search on item_rows using gin (search) where search is not null;
  `);
}

/**
 * Migration `runtime/015-search-parts`: the vectors of the rows with words of an unspaced script (Korean, Chinese,
 * Japanese) are written again, now with the parts of those words (`indexTokens`): `민수` finds `김민수`.
 */
export async function pgSearchPartsMigration(c: pg.PoolClient): Promise<void> {
  await backfill(c, 'visitors', 'text', 'profile', (t) => profileWords(JSON.parse(t)), UNSPACED_SQL('profile'));
  await backfill(c, 'item_rows', 'bigint', 'body', (t) => itemWords(JSON.parse(t)), UNSPACED_SQL('body'));
  // Fresh statistics of the vectors: the search plan reads the planner's estimates (`pgTextIndex.count`).
  await c.query('analyze visitors, item_rows');
}

/** Hangul, CJK ideographs, kana: the unspaced scripts of `hasUnspaced`, as a PostgreSQL regular expression. */
const UNSPACED_SQL = (column: string) =>
  `${column} ~ '[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff65-\uffdc\u{20000}-\u{3134f}]'`;

async function backfill(
  c: pg.PoolClient,
  table: string,
  type: 'text' | 'bigint',
  column: string,
  words: (text: string) => string[],
  /** Only the rows this condition holds for (every row when not given). */
  only?: string,
): Promise<void> {
  for (let after: string | null = null; ;) {
    const where: string[] = [after === null ? '' : `id > $1::${type}`, only ?? ''].filter(Boolean);
    const { rows }: pg.QueryResult<{ k: string; t: string }> = await c.query(
      `select id::text k, ${column} t from ${table} ${where.length ? `where ${where.join(' and ')}` : ''}
       order by id limit 1000`,
      after === null ? [] : [after],
    );
    if (rows.length === 0) return;
    const keys: string[] = [];
    const texts: string[] = [];
    for (const r of rows) {
      const w = words(r.t);
      if (w.length) (keys.push(r.k), texts.push(w.join(' ')));
    }
    if (keys.length)
      await c.query(
        `update ${table} t set search = array_to_tsvector(string_to_array(u.w, ' '))
         from unnest($1::${type}[], $2::text[]) u(k, w) where t.id = u.k`,
        [keys, texts],
      );
    after = rows[rows.length - 1].k;
  }
}

/** A tsquery of terms, all required: each a quoted lexeme (nothing typed is tsquery syntax), `:*` for a prefix. */
export const tsQuery = (terms: readonly SearchTerm[]) =>
  terms.map((t) => `'${t.word.replaceAll("'", "''").replaceAll('\\', '\\\\')}'${t.prefix ? ':*' : ''}`).join(' & ');

/** Words as one parameter for `array_to_tsvector(string_to_array($n, ' '))` (a word never holds a space: see
 * `searchWords`), null without words. One string, not an array: a column of a statement's rows (`unnest`). */
export const tsWords = (words: string[]) => (words.length ? words.join(' ') : null);

export const pgTextMatch: TextMatch = {
  conversations(terms) {
    const one = (i: number) => `select id from (
      select c2.id from conversations c2 where c2.visitor_id in (select v.id from visitors v where v.search @@ ?::tsquery)
      union select r.conversation_id from item_rows r where r.search @@ ?::tsquery) t${i}`;
    return {
      sql: terms.map((_, i) => one(i)).join(' intersect '),
      values: terms.flatMap((t) => [tsQuery([t]), tsQuery([t])]),
    };
  },
  visitors(terms) {
    return { sql: 'select v.id from visitors v where v.search @@ ?::tsquery', values: [tsQuery(terms)] };
  },
};

/** A node of `explain (format json)`: the planner's estimate of its rows, the table it reads, the nodes under it. */
interface ExplainedPlan {
  'Plan Rows': number;
  'Relation Name'?: string;
  Alias?: string;
  Plans?: ExplainedPlan[];
}

/** The search plan's view of the PostgreSQL indexes (`searchPlan.ts`): row-by-row checks read the row's vector. */
export function pgTextIndex(pool: pg.Pool): TextIndex {
  const stats = pgTermStats(pool);
  return {
    ...pgTextMatch,
    async counts(terms, cap) {
      const estimated = await stats.estimate(terms, cap);
      if (estimated) return estimated;
      // No statistics yet: the planner's estimates (its statistics of the vectors' words): a GIN index cannot stop counting early, it
      // builds the whole bitmap of a frequent word first. A wrong estimate only picks the slower way to the same
      // page. Every term and table in one `explain` (one round trip): a sub-select per term and table, each scan
      // named `t<n>` and found by its name (`limit 1`: none is split among parallel workers, whose estimates are
      // a worker's share).
      const parts = terms.flatMap((_, i) =>
        ['visitors', 'item_rows'].map(
          (t, k) => `(select 1 from ${t} t${2 * i + k} where search @@ ?::tsquery limit 1)`,
        ),
      );
      const [{ 'QUERY PLAN': plan }] = await query<{ 'QUERY PLAN': { Plan: ExplainedPlan }[] }>(
        pool,
        `explain (format json) select ${parts.join(', ')}`,
        terms.flatMap((t) => [tsQuery([t]), tsQuery([t])]),
      );
      const rows = new Map<string, number>();
      const visit = (p: ExplainedPlan) => {
        if (p.Alias && p['Relation Name']) rows.set(p.Alias, p['Plan Rows']);
        p.Plans?.forEach(visit);
      };
      visit(plan[0].Plan);
      return terms.map((_, i) => ({
        profiles: Math.min(cap, rows.get(`t${2 * i}`) ?? cap),
        transcripts: Math.min(cap, rows.get(`t${2 * i + 1}`) ?? cap),
      }));
    },
    inSets(terms, profilesFirst) {
      // `= any(array(…))`: the set is built once and looked up by index. As `in (…)` the planner joins it by
      // hashing, reading every conversation; two `= any(…)` would compare every id of one with every id of the
      // other, so the sets are intersected before.
      const profiles = `select c2.id from conversations c2 where c2.visitor_id = any(array(
            select v.id from visitors v where v.search @@ ?::tsquery))`;
      const rows = `select r.conversation_id from item_rows r where r.search @@ ?::tsquery`;
      if (profilesFirst) {
        // The profiles holding every term (one tsquery of all of them), or a transcript row holding one of them
        // and the rest checked on the conversation's rows.
        const held = terms.map((t) => this.holds(t));
        return [
          {
            sql: `c.id = any(array(${[profiles, ...terms.map(() => rows)].join(' union ')}))
              and ${held.map((h) => h.sql).join(' and ')}`,
            values: [tsQuery(terms), ...terms.map((t) => tsQuery([t])), ...held.flatMap((h) => h.values)],
          },
        ];
      }
      if (terms.length === 1) {
        // One term: the conversations of its profiles and of its transcript rows, each read once with the keys the
        // page is sorted by (the ids of both first and the conversations then would be read twice).
        const q = tsQuery(terms);
        return [
          { sql: 'c.visitor_id = any(array(select v.id from visitors v where v.search @@ ?::tsquery))', values: [q] },
          { sql: `c.id = any(array(${rows}))`, values: [q] },
        ];
      }
      const one = `${profiles} union ${rows}`;
      return [
        {
          sql: `c.id = any(array(${terms.map((_, i) => `select id from (${one}) s${i}`).join(' intersect ')}))`,
          values: terms.flatMap((t) => [tsQuery([t]), tsQuery([t])]),
        },
      ];
    },
    holds(t, count) {
      // Scalar sub-selects, read per row: as `exists` the planner may hash every row holding the term (the whole
      // index of a frequent word) instead of looking at the few dozen rows the page needs. The side the term is
      // estimated to be in more often first: `or` stops at the first that holds.
      const q = tsQuery([t]);
      const sides = [
        '(select true from visitors v where v.id = c.visitor_id and v.search @@ ?::tsquery) is not null',
        '(select true from item_rows r where r.conversation_id = c.id and r.search @@ ?::tsquery limit 1) is not null',
      ];
      if (count && count.transcripts > count.profiles) sides.reverse();
      return { sql: `(${sides.join(' or ')})`, values: [q, q] };
    },
  };
}
