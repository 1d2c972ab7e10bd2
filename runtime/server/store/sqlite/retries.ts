import type { Database } from 'better-sqlite3';
import { toRetry, type Retries } from '../retries.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteRetries(db: Database, commit: SqliteCommit): Retries {
  return {
    add(i) {
      return commit.queue(() => {
        db.prepare(
          'insert into delivery_retries (id, kind, payload, attempts, next_at) values (?, ?, ?, ?, ?) on conflict do nothing',
        ).run(i.id, i.kind, i.payload, i.attempts, i.nextAt);
      });
    },
    claim(kind, now, leaseMs, limit) {
      // One writer: the select and the lease are one step of the commit queue, so two claims never share a row.
      return commit.queue(() => {
        const rows = db
          .prepare(
            `select * from delivery_retries where kind = ? and next_at <= ? and (lease_until is null or lease_until <= ?)
             order by next_at, id limit ?`,
          )
          .all(kind, now, now, limit);
        const lease = db.prepare('update delivery_retries set lease_until = ? where id = ?');
        for (const r of rows as { id: string }[]) lease.run(now + leaseMs, r.id);
        return rows.map(toRetry);
      }, true);
    },
    reschedule(id, attempts, nextAt) {
      return commit.queue(() => {
        db.prepare('update delivery_retries set attempts = ?, next_at = ?, lease_until = null where id = ?').run(
          attempts,
          nextAt,
          id,
        );
      });
    },
    remove(id) {
      return commit.queue(() => {
        db.prepare('delete from delivery_retries where id = ?').run(id);
      });
    },
    async count(kind) {
      return (db.prepare('select count(*) as n from delivery_retries where kind = ?').get(kind) as { n: number }).n;
    },
  };
}
