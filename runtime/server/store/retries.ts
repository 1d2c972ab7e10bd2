/**
 * Deliveries to retry (docs/store.md): an email or a Web Push that failed is kept here until it goes or is given
 * up, so that a node that stops loses none of them. A worker on any node claims due rows with a lease (one node
 * per row at a time: `FOR UPDATE SKIP LOCKED` on PostgreSQL, the single writer on SQLite), tries them, and
 * removes or reschedules them: at least once (a node that dies mid-attempt leaves the row to be claimed again when
 * its lease ends).
 */
export type RetryKind = 'email' | 'push';

export interface RetryItem {
  id: string;
  kind: RetryKind;
  /** What to deliver (JSON of the sender's own shape). */
  payload: string;
  /** Attempts made so far. */
  attempts: number;
  /** When it is due next (epoch ms). */
  nextAt: number;
}

export interface Retries {
  /** Keeps an item to retry (an id already kept changes nothing). */
  add(item: RetryItem): Promise<void>;
  /** Up to `limit` items of `kind` due by `now` and not leased, oldest due first, leased until `now + leaseMs`. */
  claim(kind: RetryKind, now: number, leaseMs: number, limit: number): Promise<RetryItem[]>;
  /** Failed again: due at `nextAt`, lease released. */
  reschedule(id: string, attempts: number, nextAt: number): Promise<void>;
  /** Delivered or given up. */
  remove(id: string): Promise<void>;
  /** Items of `kind` kept (tests, the idle check). */
  count(kind: RetryKind): Promise<number>;
}

/** The table, the same SQL on both backends. */
export const retriesSchema = `
create table delivery_retries (
  id text primary key,
  kind text not null,
  payload text not null,
  attempts integer not null,
  next_at bigint not null,
  lease_until bigint
);
create index delivery_retries_due on delivery_retries (kind, next_at);
`;

export const toRetry = (r: any): RetryItem => ({
  id: r.id,
  kind: r.kind,
  payload: r.payload,
  attempts: Number(r.attempts),
  nextAt: Number(r.next_at),
});
