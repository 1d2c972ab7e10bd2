import type { Database, Statement } from 'better-sqlite3';
import {
  EndpointWatch,
  ROTATE_SQL,
  STATE_COLS,
  editColumns,
  eventsColumn,
  toDelivery,
  toEndpoint,
  type Webhooks,
} from '../webhooks.ts';
import type { SqliteCommit } from './commit.ts';

/** Events per outbox statement (4 parameters each). */
const ENQUEUE_CHUNK = 100;

/** One statement for `n` events: each gets a delivery per enabled endpoint subscribed to its type, picked in the
 * transaction of the step that caused it. */
const enqueueSql = (n: number) => `insert or ignore into webhook_deliveries
    (id, endpoint_id, type, payload, created_at, next_at, attempts, status)
  select e.column1 || ':' || w.id, w.id, e.column2, e.column3, e.column4, e.column4, 0, 'pending'
  from (values ${Array.from({ length: n }, () => '(?, ?, ?, ?)').join(', ')}) e
  join webhook_endpoints w on w.enabled = 1 and w.events like '%,' || e.column2 || ',%'`;

export function sqliteWebhooks(db: Database, commit: SqliteCommit): Webhooks {
  // A turn's events go in one statement per ENQUEUE_CHUNK (prepared once per size), not one per event.
  const enqueueBySize = new Map<number, Statement>();
  const enqueueStatement = (n: number) => {
    let st = enqueueBySize.get(n);
    if (!st) enqueueBySize.set(n, (st = db.prepare(enqueueSql(n))));
    return st;
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
  const watch = new EndpointWatch();
  return {
    createEndpoint(e) {
      const row = [e.id, e.url, eventsColumn(e.events), e.secret, e.enabled ? 1 : 0, e.createdAt];
      return watch.around(() =>
        commit.queue(
          () =>
            void db
              .prepare(
                'insert into webhook_endpoints (id, url, events, secret, enabled, created_at) values (?, ?, ?, ?, ?, ?)',
              )
              .run(...row),
          true,
        ),
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
      return watch.around(() => commit.queue(() => db.prepare(sql).run(...cols.map(([, v]) => v), id).changes > 0));
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
      const queue = () => commit.queue(() => void db.prepare(sql).run(...values, id));
      // Health alone (`failingSince`) does not change who gets which events.
      return s.enabled === undefined ? queue() : watch.around(queue);
    },
    enqueue(events) {
      if (events.length === 0) return Promise.resolve();
      return commit.queue(() => {
        for (let i = 0; i < events.length; i += ENQUEUE_CHUNK) {
          const chunk = events.slice(i, i + ENQUEUE_CHUNK);
          enqueueStatement(chunk.length).run(chunk.flatMap((e) => [e.eventId, e.type, e.payload, e.at]));
        }
      });
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
    onEndpointsChanged: (fn) => watch.on(fn),
  };
}
