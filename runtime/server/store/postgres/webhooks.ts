import type pg from 'pg';
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
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgWebhooks(pool: pg.Pool, commit: PgCommit): Webhooks {
  const write = <T>(fn: (c: pg.PoolClient) => Promise<T>, isolated = false) => commit.queue(fn, isolated);
  const watch = new EndpointWatch();
  return {
    createEndpoint(e) {
      return watch.around(() =>
        write(
          async (c) =>
            void (await c.query(
              'insert into webhook_endpoints (id, url, events, secret, enabled, created_at) values ($1, $2, $3, $4, $5, $6)',
              [e.id, e.url, eventsColumn(e.events), e.secret, e.enabled, e.createdAt],
            )),
          true,
        ),
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
        write(async (c) => ((await c.query(sql, [id, ...cols.map(([, v]) => v)])).rowCount ?? 0) > 0),
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
      const queue = () => write(async (c) => void (await c.query(sql, values)));
      // Health alone (`failingSince`) does not change who gets which events.
      return s.enabled === undefined ? queue() : watch.around(queue);
    },
    enqueue(events) {
      if (events.length === 0) return Promise.resolve();
      const cols = [
        events.map((e) => e.eventId),
        events.map((e) => e.type),
        events.map((e) => e.payload),
        events.map((e) => e.at),
      ];
      return write(
        async (c) =>
          void (await c.query(
            `insert into webhook_deliveries (id, endpoint_id, type, payload, created_at, next_at, attempts, status)
             select e.id || ':' || w.id, w.id, e.type, e.payload, e.at, e.at, 0, 'pending'
             from unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) as e(id, type, payload, at)
             join webhook_endpoints w on w.enabled and w.events like '%,' || e.type || ',%'
             on conflict (id) do nothing`,
            cols,
          )),
      );
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
    onEndpointsChanged: (fn) => watch.on(fn),
  };
}
