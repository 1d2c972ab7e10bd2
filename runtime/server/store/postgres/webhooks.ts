import type pg from 'pg';
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
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

/**
 * Fan-out on PostgreSQL, inside the caller's transaction: up to `limit` outbox rows leave the outbox (taken by
 * `ctid`, oldest first, skipping those another node's fan-out holds) and become their deliveries
 * (`deliveriesOf`, for the endpoints enabled now); the number of rows moved.
 */
export async function pgFanOut(c: pg.PoolClient, limit: number): Promise<number> {
  const rows = (
    await c.query<{ events: string }>(
      `delete from webhook_outbox
       where ctid = any(array(select ctid from webhook_outbox order by created_at limit $1 for update skip locked))
       returning events`,
      [limit],
    )
  ).rows;
  if (rows.length === 0) return 0;
  const endpoints = (
    await c.query<{ id: string; events: string }>('select id, events from webhook_endpoints where enabled')
  ).rows;
  const made = deliveriesOf(
    rows.map((r) => r.events),
    endpoints,
  );
  if (made.length > 0)
    await c.query(
      `insert into webhook_deliveries (id, endpoint_id, type, payload, created_at, next_at, attempts, status)
       select id, endpoint_id, type, payload, at, at, 0, 'pending'
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) as d(id, endpoint_id, type, payload, at)
       on conflict (id) do nothing`,
      [
        made.map((d) => d.id),
        made.map((d) => d.endpointId),
        made.map((d) => d.type),
        made.map((d) => d.payload),
        made.map((d) => d.at),
      ],
    );
  return rows.length;
}

export function pgWebhooks(pool: pg.Pool, commit: PgCommit): Webhooks {
  const write = <T>(fn: (c: pg.PoolClient) => Promise<T>, isolated = false) => commit.queue(fn, isolated);
  const watch = new EndpointWatch();
  const fanOutNow = pgFanOut;
  /** Before a change of who gets which events, in its transaction: every event stored before it is fanned out. */
  const fanOutAll = async (c: pg.PoolClient) => {
    while ((await fanOutNow(c, FAN_OUT_BATCH)) === FAN_OUT_BATCH);
  };
  return {
    createEndpoint(e) {
      return watch.around(() =>
        write(async (c) => {
          await fanOutAll(c);
          await c.query(
            'insert into webhook_endpoints (id, url, events, secret, enabled, created_at) values ($1, $2, $3, $4, $5, $6)',
            [e.id, e.url, eventsColumn(e.events), e.secret, e.enabled, e.createdAt],
          );
        }, true),
      );
    },
    async endpoints() {
      return (await query(pool, 'select * from webhook_endpoints order by created_at, id')).map(toEndpoint);
    },
    async endpoint(id) {
      const [r] = await query(pool, 'select * from webhook_endpoints where id = ?', [id]);
      return r ? toEndpoint(r) : undefined;
    },
    editEndpoint(id, patch) {
      const cols = editColumns(patch);
      if (cols.length === 0)
        return query(pool, 'select 1 from webhook_endpoints where id = ?', [id]).then((rows) => rows.length > 0);
      const sql = `update webhook_endpoints set ${cols.map(([col], i) => `${col} = $${i + 2}`).join(', ')} where id = $1`;
      // A new event list changes who gets which events (a new URL does not, but one write path is simpler).
      return watch.around(() =>
        write(async (c) => {
          if (patch.events !== undefined) await fanOutAll(c);
          return ((await c.query(sql, [id, ...cols.map(([, v]) => v)])).rowCount ?? 0) > 0;
        }),
      );
    },
    rotateSecret(id, secret, previousUntil) {
      return write(
        async (c) =>
          ((
            await c.query(
              ROTATE_SQL((n) => `$${n}`),
              [previousUntil, secret, id],
            )
          ).rowCount ?? 0) > 0,
      );
    },
    removeEndpoint(id) {
      return watch.around(() =>
        write(async (c) => {
          await c.query('delete from webhook_deliveries where endpoint_id = $1', [id]);
          return ((await c.query('delete from webhook_endpoints where id = $1', [id])).rowCount ?? 0) > 0;
        }),
      );
    },
    setEndpointState(id, s) {
      const keys = (Object.keys(STATE_COLS) as (keyof typeof STATE_COLS)[]).filter((k) => s[k] !== undefined);
      if (keys.length === 0) return Promise.resolve();
      const sql = `update webhook_endpoints set ${keys.map((k, i) => `${STATE_COLS[k]} = $${i + 2}`).join(', ')} where id = $1`;
      const values = [id, ...keys.map((k) => s[k])];
      const queue = () =>
        write(async (c) => {
          if (s.enabled !== undefined) await fanOutAll(c);
          await c.query(sql, values);
        });
      // Health alone (`failingSince`) does not change who gets which events.
      return s.enabled === undefined ? queue() : watch.around(queue);
    },
    enqueue(events) {
      if (events.length === 0) return Promise.resolve();
      const row = [events[0].at, packEvents(events)];
      return commit.statement('insert into webhook_outbox (created_at, events) values ($1, $2)', row);
    },
    async fanOut(limit) {
      // An idle node's poll writes nothing (no transaction) while the outbox is empty.
      if ((await query(pool, 'select 1 from webhook_outbox limit 1')).length === 0) return 0;
      return write((c) => fanOutNow(c, limit));
    },
    enqueueTo(endpointId, e) {
      return write(
        async (c) =>
          void (await c.query(
            `insert into webhook_deliveries (id, endpoint_id, type, payload, created_at, next_at, attempts, status)
             values ($1, $2, $3, $4, $5, $5, 0, 'pending')`,
            [`${e.eventId}:${endpointId}`, endpointId, e.type, e.payload, e.at],
          )),
      );
    },
    async due(now, limit) {
      return (
        await query(
          pool,
          `select * from webhook_deliveries where status = 'pending' and next_at <= ?
             and (lease_until is null or lease_until <= ?)
             and endpoint_id in (select id from webhook_endpoints where enabled) order by next_at, id limit ?`,
          [now, now, limit],
        )
      ).map(toDelivery);
    },
    claim(id, now, until) {
      return write(
        async (c) =>
          ((
            await c.query(
              `update webhook_deliveries set lease_until = $1 where id = $2 and status = 'pending'
                 and (lease_until is null or lease_until <= $3)`,
              [until, id, now],
            )
          ).rowCount ?? 0) > 0,
      );
    },
    attempted(id, attempts, r) {
      return write(
        async (c) =>
          void (await c.query(
            `update webhook_deliveries set attempts = $1, status = $2, next_at = $3, last_status = $4, last_error = $5,
               last_ms = $6, last_at = $7, lease_until = null where id = $8`,
            [attempts, r.status, r.nextAt, r.lastStatus, r.lastError, r.lastMs, r.lastAt, id],
          )),
      );
    },
    resend(id, now) {
      return write(
        async (c) =>
          ((
            await c.query(
              `update webhook_deliveries set status = 'pending', next_at = $1, lease_until = null where id = $2`,
              [now, id],
            )
          ).rowCount ?? 0) > 0,
      );
    },
    async delivery(id) {
      const [r] = await query(pool, 'select * from webhook_deliveries where id = ?', [id]);
      return r ? toDelivery(r) : undefined;
    },
    async deliveries(endpointId, limit) {
      return (
        await query(
          pool,
          'select * from webhook_deliveries where endpoint_id = ? order by created_at desc, id desc limit ?',
          [endpointId, limit],
        )
      ).map(toDelivery);
    },
    async purgeFinished(cutoff, limit) {
      // A poll with nothing old enough writes nothing (no transaction).
      if (
        (await query(pool, `select 1 from webhook_deliveries where ${FINISHED_BEFORE('?')} limit 1`, [cutoff]))
          .length === 0
      )
        return 0;
      // Rows another node's purge (or a resend) holds are skipped, not waited for; `for update` re-reads a row
      // changed meanwhile, so a delivery resent just now (pending again) is not deleted.
      return write(
        async (c) =>
          (
            await c.query(
              `delete from webhook_deliveries where id in (
                 select id from webhook_deliveries where ${FINISHED_BEFORE('$1')} limit $2 for update skip locked)`,
              [cutoff, limit],
            )
          ).rowCount ?? 0,
      );
    },
    onEndpointsChanged: (fn) => watch.on(fn),
  };
}
