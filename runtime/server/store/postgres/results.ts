import type pg from 'pg';
import { counterWhere, mergeDeltas, sumsQuery, toSum, type Results } from '../results.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgResults(pool: pg.Pool, commit: PgCommit): Results {
  return {
    add(deltas) {
      if (deltas.length === 0) return Promise.resolve();
      // One statement for the batch: unnest the columns (rows sorted so that concurrent nodes lock in one order).
      const rows = [...mergeDeltas(deltas)].sort((a, b) =>
        `${a.streamId}|${a.version}|${a.day}|${a.kind}|${a.key}` <
        `${b.streamId}|${b.version}|${b.day}|${b.kind}|${b.key}`
          ? -1
          : 1,
      );
      const cols = [
        rows.map((d) => d.streamId),
        rows.map((d) => d.version),
        rows.map((d) => d.day),
        rows.map((d) => d.kind),
        rows.map((d) => d.key),
        rows.map((d) => d.n),
      ];
      return commit.statement(
        `insert into result_counts (stream_id, version, day, kind, key, n)
         select * from unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::bigint[])
         on conflict (stream_id, version, day, kind, key) do update set n = result_counts.n + excluded.n`,
        cols,
      );
    },
    async sums(q, byDay = false) {
      const { where, values } = counterWhere(q);
      return (await query(pool, sumsQuery(where, byDay), values)).map(toSum);
    },
  };
}
