import type { Database } from 'better-sqlite3';
import {
  EndpointWatch,
  FAN_OUT_BATCH,
  FINISHED_BEFORE,
  ROTATE_SQL,
  STATE_COLS,
  editColumns,
  eventsColumn,
  toDelivery,
  deliveriesOf,
  packEvents,
  toEndpoint,
  type Webhooks,
} from '../webhooks.ts';
import type { SqliteCommit } from './commit.ts';

/**
 * Fan-out on SQLite, inside the caller's transaction: the oldest `limit` outbox rows become their deliveries
 * (`deliveriesOf`, for the endpoints enabled now) and leave the outbox; the number of rows moved. Also used by
 * the endpoint changes (all rows first) so that events go to the endpoints of their time.
 */
export function sqliteFanOut(db: Database): (limit: number) => number {
  const take = db.prepare('select seq, events from webhook_outbox order by seq limit ?');
  const endpoints = db.prepare('select id, events from webhook_endpoints where enabled = 1');
  const insert = db.prepare(
    `insert or ignore into webhook_deliveries (id, endpoint_id, type, payload, created_at, next_at, attempts, status)
     values (?, ?, ?, ?, ?, ?, 0, 'pending')`,
  );
  const drop = db.prepare('delete from webhook_outbox where seq <= ?');
  return (limit) => {
    const rows = take.all(limit) as { seq: number; events: string }[];
    if (rows.length === 0) return 0;
    const made = deliveriesOf(
      rows.map((r) => r.events),
      endpoints.all() as { id: string; events: string }[],
    );
    for (const d of made) insert.run(d.id, d.endpointId, d.type, d.payload, d.at, d.at);
    drop.run(rows[rows.length - 1].seq);
    return rows.length;
  };
}

export function sqliteWebhooks(db: Database, commit: SqliteCommit): Webhooks {
  const enqueue = db.prepare('insert into webhook_outbox (created_at, events) values (?, ?)');
  const anyRow = db.prepare('select 1 from webhook_outbox limit 1').pluck();
  const fanOutNow = sqliteFanOut(db);
  /** Before a change of who gets which events, in its transaction: every event stored before it is fanned out. */
  const fanOutAll = () => {
    while (fanOutNow(FAN_OUT_BATCH) === FAN_OUT_BATCH);
  };
  const enqueueTo = db.prepare(
    `insert into webhook_deliveries (id, endpoint_id, type, payload, created_at, next_at, attempts, status)
     values (?, ?, ?, ?, ?, ?, 0, 'pending')`,
  );
  const claim = db.prepare(
    `update webhook_deliveries set lease_until = ? where id = ? and status = 'pending'
       and (lease_until is null or lease_until <= ?)`,
  );
  const attempted = db.prepare(
    `update webhook_deliveries set attempts = ?, status = ?, next_at = ?, last_status = ?, last_error = ?, last_ms = ?,
       last_at = ?, lease_until = null where id = ?`,
  );
  const resend = db.prepare(
    `update webhook_deliveries set status = 'pending', next_at = ?, lease_until = null where id = ?`,
  );
  const anyFinished = db.prepare(`select 1 from webhook_deliveries where ${FINISHED_BEFORE('?')} limit 1`).pluck();
  const purge = db.prepare(
    `delete from webhook_deliveries where id in (select id from webhook_deliveries where ${FINISHED_BEFORE('?')} limit ?)`,
  );
  const watch = new EndpointWatch();
  return {
    createEndpoint(e) {
      const row = [e.id, e.url, eventsColumn(e.events), e.secret, e.enabled ? 1 : 0, e.createdAt];
      return watch.around(() =>
        commit.queue(() => {
          fanOutAll();
          db.prepare(
            'insert into webhook_endpoints (id, url, events, secret, enabled, created_at) values (?, ?, ?, ?, ?, ?)',
          ).run(...row);
        }, true),
      );
    },
    async endpoints() {
      return db.prepare('select * from webhook_endpoints order by created_at, id').all().map(toEndpoint);
    },
    async endpoint(id) {
      const r = db.prepare('select * from webhook_endpoints where id = ?').get(id);
      return r ? toEndpoint(r) : undefined;
    },
    editEndpoint(id, patch) {
      const cols = editColumns(patch);
      if (cols.length === 0)
        return Promise.resolve(!!db.prepare('select 1 from webhook_endpoints where id = ?').get(id));
      const sql = `update webhook_endpoints set ${cols.map(([c]) => `${c} = ?`).join(', ')} where id = ?`;
      // A new event list changes who gets which events (a new URL does not, but one write path is simpler).
      return watch.around(() =>
        commit.queue(() => {
          if (patch.events !== undefined) fanOutAll();
          return db.prepare(sql).run(...cols.map(([, v]) => v), id).changes > 0;
        }),
      );
    },
    rotateSecret(id, secret, previousUntil) {
      return commit.queue(() => db.prepare(ROTATE_SQL(() => '?')).run(previousUntil, secret, id).changes > 0);
    },
    removeEndpoint(id) {
      return watch.around(() =>
        commit.queue(() => {
          db.prepare('delete from webhook_deliveries where endpoint_id = ?').run(id);
          return db.prepare('delete from webhook_endpoints where id = ?').run(id).changes > 0;
        }),
      );
    },
    setEndpointState(id, s) {
      const keys = (Object.keys(STATE_COLS) as (keyof typeof STATE_COLS)[]).filter((k) => s[k] !== undefined);
      if (keys.length === 0) return Promise.resolve();
      const values = keys.map((k) => (k === 'enabled' ? (s.enabled ? 1 : 0) : s[k]));
      const sql = `update webhook_endpoints set ${keys.map((k) => `${STATE_COLS[k]} = ?`).join(', ')} where id = ?`;
      const queue = () =>
        commit.queue(() => {
          if (s.enabled !== undefined) fanOutAll();
          db.prepare(sql).run(...values, id);
        });
      // Health alone (`failingSince`) does not change who gets which events.
      return s.enabled === undefined ? queue() : watch.around(queue);
    },
    enqueue(events) {
      if (events.length === 0) return Promise.resolve();
      const row = packEvents(events);
      return commit.queue(() => void enqueue.run(events[0].at, row));
    },
    fanOut(limit) {
      // An idle node's poll writes nothing (no transaction, no fsync) while the outbox is empty.
      if (anyRow.get() === undefined) return Promise.resolve(0);
      return commit.queue(() => fanOutNow(limit));
    },
    enqueueTo(endpointId, e) {
      return commit.queue(
        () => void enqueueTo.run(`${e.eventId}:${endpointId}`, endpointId, e.type, e.payload, e.at, e.at),
      );
    },
    async due(now, limit) {
      return db
        .prepare(
          `select * from webhook_deliveries where status = 'pending' and next_at <= ?
             and (lease_until is null or lease_until <= ?)
             and endpoint_id in (select id from webhook_endpoints where enabled = 1) order by next_at, id limit ?`,
        )
        .all(now, now, limit)
        .map(toDelivery);
    },
    claim(id, now, until) {
      return commit.queue(() => claim.run(until, id, now).changes > 0);
    },
    attempted(id, attempts, r) {
      return commit.queue(
        () => void attempted.run(attempts, r.status, r.nextAt, r.lastStatus, r.lastError, r.lastMs, r.lastAt, id),
      );
    },
    resend(id, now) {
      return commit.queue(() => resend.run(now, id).changes > 0);
    },
    async delivery(id) {
      const r = db.prepare('select * from webhook_deliveries where id = ?').get(id);
      return r ? toDelivery(r) : undefined;
    },
    async deliveries(endpointId, limit) {
      return db
        .prepare('select * from webhook_deliveries where endpoint_id = ? order by created_at desc, id desc limit ?')
        .all(endpointId, limit)
        .map(toDelivery);
    },
    purgeFinished(cutoff, limit) {
      // A poll with nothing old enough writes nothing (no transaction, no fsync).
      if (anyFinished.get(cutoff) === undefined) return Promise.resolve(0);
      return commit.queue(() => purge.run(cutoff, limit).changes);
    },
    onEndpointsChanged: (fn) => watch.on(fn),
  };
}
