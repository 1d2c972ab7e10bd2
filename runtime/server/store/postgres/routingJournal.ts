import type pg from 'pg';
import {
  ROUTING_LEASE,
  SupersededEpoch,
  fenced,
  toJournalEntry,
  toRecords,
  type RoutingStore,
} from '../routingJournal.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

/**
 * Routing's journal, epochs and state on PostgreSQL, shared by every node. Two things make it safe across nodes:
 * - appends hold a transaction-level advisory lock (`LOCK`) until their transaction commits, so journal ids become
 *   visible in id order (a reader never sees input 11 committed while input 10 is still to come, which would
 *   make the owner skip 10);
 * - a commit reads the lease's epoch `for update` and writes only if it is still the caller's, in the same
 *   transaction: a newer owner's `next` waits for it or makes it fail, never the other way round.
 */
// Every routing write takes this lock first (held until its transaction ends), so two nodes' routing writes
// never wait on each other's row locks in opposite orders.
const LOCK = "select pg_advisory_xact_lock(hashtext('tributary:routing'))";

export function pgRoutingJournal(pool: pg.Pool, commit: PgCommit): RoutingStore {
  return {
    append(event, at) {
      const json = JSON.stringify(event);
      return commit.queue(async (c) => {
        await c.query(LOCK);
        const r = await c.query<{ id: number }>('insert into routing_log (at, event) values ($1, $2) returning id', [
          at,
          json,
        ]);
        return Number(r.rows[0].id);
      });
    },
    async since(afterId) {
      return (await query(pool, 'select id, at, event from routing_log where id > ? order by id', [afterId])).map(
        toJournalEntry,
      );
    },
    async snapshot() {
      const [records, [state]] = await Promise.all([
        query<{ record: string }>(pool, 'select record from routing_records order by visitor'),
        query<{ applied: number; engagements: number }>(
          pool,
          'select applied, engagements from routing_state where lease = ?',
          [ROUTING_LEASE],
        ),
      ]);
      return {
        records: toRecords(records),
        applied: state?.applied ?? 0,
        engagements: state?.engagements ?? 0,
      };
    },
    commit(e, change) {
      const records = change.records.map((r) => [r.visitor, r.phase === 'closed' ? null : JSON.stringify(r)]);
      return fenced(
        commit.queue(async (c) => {
          await c.query(LOCK);
          const r = await c.query<{ epoch: number }>('select epoch from routing_epochs where lease = $1 for update', [
            ROUTING_LEASE,
          ]);
          const current = Number(r.rows[0]?.epoch ?? 0);
          if (current !== e) throw new SupersededEpoch(e, current);
          for (const [visitor, json] of records) {
            if (json === null) await c.query('delete from routing_records where visitor = $1', [visitor]);
            else
              await c.query(
                `insert into routing_records (visitor, record) values ($1, $2)
                 on conflict (visitor) do update set record = excluded.record`,
                [visitor, json],
              );
          }
          await c.query(
            `insert into routing_state (lease, applied, engagements) values ($1, $2, $3)
             on conflict (lease) do update set applied = greatest(routing_state.applied, excluded.applied),
               engagements = excluded.engagements`,
            [ROUTING_LEASE, change.applied, change.engagements],
          );
        }),
      );
    },
    next(lease) {
      return commit.queue(async (c) => {
        await c.query(LOCK);
        const r = await c.query<{ epoch: number }>(
          `insert into routing_epochs (lease, epoch) values ($1, 1)
           on conflict (lease) do update set epoch = routing_epochs.epoch + 1 returning epoch`,
          [lease],
        );
        return Number(r.rows[0].epoch);
      });
    },
    async current(lease) {
      const [r] = await query<{ epoch: number }>(pool, 'select epoch from routing_epochs where lease = ?', [lease]);
      return Number(r?.epoch ?? 0);
    },
  };
}
