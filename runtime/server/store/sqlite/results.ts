import type { Database } from 'better-sqlite3';
import { counterWhere, sumsQuery, toSum, type Results } from '../results.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteResults(db: Database, commit: SqliteCommit): Results {
  const upsert = db.prepare(
    `insert into result_counts (stream_id, version, day, kind, key, n) values (?, ?, ?, ?, ?, ?)
     on conflict (stream_id, version, day, kind, key) do update set n = n + excluded.n`,
  );
  return {
    add(deltas) {
      if (deltas.length === 0) return Promise.resolve();
      const rows = deltas.map((d) => [d.streamId, d.version, d.day, d.kind, d.key, d.n] as const);
      return commit.queue(() => {
        for (const r of rows) upsert.run(...r);
      });
    },
    async sums(q, byDay = false) {
      const { where, values } = counterWhere(q);
      return db
        .prepare(sumsQuery(where, byDay))
        .all(...values)
        .map(toSum);
    },
  };
}
