import type pg from 'pg';
import { toRetry, type Retries } from '../retries.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgRetries(pool: pg.Pool, commit: PgCommit): Retries {
  return {
    add(i) {
      return commit.queue(async (c) => {
        await query(
          c,
          'insert into delivery_retries (id, kind, payload, attempts, next_at) values (?, ?, ?, ?, ?) on conflict do nothing',
          [i.id, i.kind, i.payload, i.attempts, i.nextAt],
        );
      });
    },
    claim(kind, now, leaseMs, limit) {
      // Several nodes claim at once: each takes rows nobody else holds (SKIP LOCKED) and leases them.
      return commit.queue(async (c) => {
        const res = await c.query(
          `update delivery_retries set lease_until = $1 where id in (
             select id from delivery_retries where kind = $2 and next_at <= $3 and (lease_until is null or lease_until <= $3)
             order by next_at, id limit $4 for update skip locked)
           returning *`,
          [now + leaseMs, kind, now, limit],
        );
        return res.rows.map(toRetry).sort((a, b) => a.nextAt - b.nextAt || a.id.localeCompare(b.id));
      }, true);
    },
    reschedule(id, attempts, nextAt) {
      return commit.queue(async (c) => {
        await query(c, 'update delivery_retries set attempts = ?, next_at = ?, lease_until = null where id = ?', [
          attempts,
          nextAt,
          id,
        ]);
      });
    },
    remove(id) {
      return commit.queue(async (c) => {
        await query(c, 'delete from delivery_retries where id = ?', [id]);
      });
    },
    async count(kind) {
      const [r] = await query(pool, 'select count(*) as n from delivery_retries where kind = ?', [kind]);
      return Number(r.n);
    },
  };
}
