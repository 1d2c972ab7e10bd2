import type { Database } from 'better-sqlite3';
import {
  ROUTING_LEASE,
  SupersededEpoch,
  fenced,
  toJournalEntry,
  toRecords,
  type RoutingStore,
} from '../routingJournal.ts';
import type { SqliteCommit } from './commit.ts';

/** Routing's journal, epochs and state on SQLite (one process: the checks hold trivially, but the shape is the
 * same as on PostgreSQL, so one node of a cluster and a lone process run the same routing code). */
export function sqliteRoutingJournal(db: Database, commit: SqliteCommit): RoutingStore {
  const append = db.prepare('insert into routing_log (at, event) values (?, ?)');
  const epoch = db.prepare('select epoch from routing_epochs where lease = ?').pluck();
  const bump = db
    .prepare(
      `insert into routing_epochs (lease, epoch) values (?, 1)
       on conflict (lease) do update set epoch = epoch + 1 returning epoch`,
    )
    .pluck();
  const putRecord = db.prepare(
    'insert into routing_records (visitor, record) values (?, ?) on conflict (visitor) do update set record = excluded.record',
  );
  const dropRecord = db.prepare('delete from routing_records where visitor = ?');
  const putState = db.prepare(
    `insert into routing_state (lease, applied, engagements) values (?, ?, ?)
     on conflict (lease) do update set applied = max(applied, excluded.applied), engagements = excluded.engagements`,
  );
  return {
    append(event, at) {
      const json = JSON.stringify(event);
      return commit.queue(() => Number(append.run(at, json).lastInsertRowid));
    },
    async since(afterId) {
      return (db.prepare('select id, at, event from routing_log where id > ? order by id').all(afterId) as any[]).map(
        toJournalEntry,
      );
    },
    async snapshot() {
      const state = db.prepare('select applied, engagements from routing_state where lease = ?').get(ROUTING_LEASE) as
        { applied: number; engagements: number } | undefined;
      return {
        records: toRecords(db.prepare('select record from routing_records order by rowid').all() as any[]),
        applied: state?.applied ?? 0,
        engagements: state?.engagements ?? 0,
      };
    },
    commit(e, change) {
      const records = change.records.map((r) => [r.visitor, r.phase === 'closed' ? null : JSON.stringify(r)]);
      return fenced(
        commit.queue(() => {
          const current = (epoch.get(ROUTING_LEASE) as number | undefined) ?? 0;
          if (current !== e) throw new SupersededEpoch(e, current);
          for (const [visitor, json] of records) {
            if (json === null) dropRecord.run(visitor);
            else putRecord.run(visitor, json);
          }
          putState.run(ROUTING_LEASE, change.applied, change.engagements);
        }),
      );
    },
    next(lease) {
      return commit.queue(() => bump.get(lease) as number);
    },
    async current(lease) {
      return (epoch.get(lease) as number | undefined) ?? 0;
    },
  };
}
