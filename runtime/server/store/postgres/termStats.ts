import type pg from 'pg';
import type { SearchTerm } from '../search.ts';
import type { TermCount } from '../searchPlan.ts';
import { query } from './pool.ts';

/** What ANALYZE keeps of one table's `search` vectors (`pg_stats`), as the planner reads it for `@@`. */
interface VectorStats {
  /** Rows with a vector (the table's estimated rows less the null fraction). */
  rows: number;
  /** The most common words and the fraction of the rows holding each (none: no statistics of the words). */
  freq: Map<string, number>;
  /** Below this fraction a word is not among the most common: an unknown word is estimated at half of it. */
  minFreq: number;
}

type Stats = Record<'visitors' | 'item_rows', VectorStats>;

/** How long statistics read from `pg_stats` are used before they are read again (in the background). */
const MAX_AGE_MS = 60_000;
/** The planner's estimate of a word it knows nothing of, at most (`DEFAULT_TS_MATCH_SEL`). */
const DEFAULT_SELECTIVITY = 0.005;

/**
 * How many profiles and transcript rows hold a term, estimated from the statistics PostgreSQL keeps of the
 * `search` vectors (`pg_stats`: the most common words and their frequencies), the way the planner estimates `@@`:
 * a word among the most common has its frequency, another half the least common one's; a prefix the sum of the
 * common words it starts. The statistics are read once and then again in the background once a minute old, so a
 * search needs no `explain` round trip of its own (on a loaded machine a round trip costs more than the reading).
 * `null` while a table has none yet (never analyzed): the search asks the planner then.
 */
export function pgTermStats(pool: pg.Pool) {
  let stats: Stats | null = null;
  let readAt: number | undefined;
  let reading: Promise<void> | undefined;
  const read = () =>
    (reading ??= load(pool)
      .then((s) => void (stats = s))
      // A failed read keeps the statistics read before (none: the planner is asked) until the next one.
      .catch(() => undefined)
      .finally(() => {
        readAt = Date.now();
        reading = undefined;
      }));
  return {
    async estimate(terms: readonly SearchTerm[], cap: number): Promise<TermCount[] | null> {
      // The first search waits for them; later ones use what was read, and read them again in the background (also
      // when there were none: a database analyzed since).
      if (readAt === undefined) await read();
      else if (Date.now() - readAt > MAX_AGE_MS) void read();
      const s = stats;
      if (!s) return null;
      // At least one, as the planner's estimates: a term counted as found nowhere would end the search unread.
      const count = (v: VectorStats, t: SearchTerm) => Math.min(cap, Math.max(1, Math.round(estimate(v, t))));
      return terms.map((t) => ({ profiles: count(s.visitors, t), transcripts: count(s.item_rows, t) }));
    },
  };
}

/** A term's rows in a table: its selectivity as PostgreSQL's `tsquery_opr_selec` (ts_selfuncs.c) gives it. */
function estimate(s: VectorStats, t: SearchTerm): number {
  const unknown = Math.min(DEFAULT_SELECTIVITY, s.minFreq / 2);
  if (!t.prefix) return s.rows * (s.freq.size === 0 ? DEFAULT_SELECTIVITY : (s.freq.get(t.word) ?? unknown));
  // A prefix: the common words it starts, as independent events, and the rest of the rows in proportion to how
  // many of the common words it starts (arbitrary below 100 common words, as the planner's).
  if (s.freq.size < 100) return s.rows * DEFAULT_SELECTIVITY * 4;
  let matched = 0;
  let all = 0;
  let n = 0;
  for (const [word, f] of s.freq) {
    if (word.startsWith(t.word)) ((matched += f - matched * f), n++);
    all += f - all * f;
  }
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return s.rows * Math.max(unknown, clamp(matched) + (1 - clamp(all)) * (n / s.freq.size));
}

async function load(pool: pg.Pool): Promise<Stats | null> {
  const rows = await query<{
    tablename: 'visitors' | 'item_rows';
    null_frac: number;
    words: string[] | null;
    freqs: number[] | null;
    reltuples: number;
  }>(
    pool,
    `select s.tablename, s.null_frac, s.most_common_elems::text::text[] words, s.most_common_elem_freqs freqs,
            c.reltuples
     from pg_stats s join pg_namespace n on n.nspname = s.schemaname
       join pg_class c on c.relnamespace = n.oid and c.relname = s.tablename
     where s.schemaname = current_schema() and s.tablename in ('visitors', 'item_rows') and s.attname = 'search'`,
    [],
  );
  const out: Partial<Stats> = {};
  for (const r of rows) {
    if (r.reltuples < 0) continue;
    const words = r.words ?? [];
    // `most_common_elem_freqs` holds a frequency per word, then the least and the greatest of them and the
    // fraction of rows without any (none when ANALYZE found no word common enough).
    const freqs = (r.freqs ?? []).map(Number);
    out[r.tablename] = {
      rows: Number(r.reltuples) * (1 - Number(r.null_frac)),
      freq: new Map(words.map((w, i) => [w, freqs[i]])),
      minFreq: words.length ? freqs[words.length] : 0,
    };
  }
  return out.visitors && out.item_rows ? (out as Stats) : null;
}
