import type { WEBHOOK_EVENTS } from '../../../shared/api/webhooks.ts';

/**
 * Webhooks (SPEC §8.7): the admins' endpoints and the durable outbox. A turn's events are inserted in the
 * transaction of the steps that cause them, as **one** `webhook_outbox` row whatever the number of events and
 * endpoints (`packEvents`; a table with no index but its row id: the cheapest write a step can make), so an
 * event is never lost nor sent for a step that was not stored. The delivery worker (runtime/server/webhooks/)
 * fans the rows out (`fanOut`): in one transaction each event becomes one delivery per enabled endpoint
 * subscribed to its type (`deliveriesOf`), and its row leaves the outbox. It then claims due deliveries with a
 * lease, so that after a crash another node or the restarted one sends them again (same id).
 */
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
/** The event "send a test event" sends (to one endpoint, whatever it subscribed to). */
export const TEST_EVENT = 'webhook.test';

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  secret: string;
  /** The secret before the last rotation: deliveries carry its signature too until `previousUntil`. */
  previousSecret: string | null;
  previousUntil: number | null;
  enabled: boolean;
  createdAt: number;
  /** The first failed attempt since the last success (null while healthy). */
  failingSince: number | null;
  disabledAt: number | null;
  disabledReason: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  /** The message id: the `webhook-id` header, the same on every attempt. */
  id: string;
  endpointId: string;
  type: string;
  /** The JSON body `{type, timestamp, data}` (a `conversation.ended` gets its transcript when sent). */
  payload: string;
  createdAt: number;
  nextAt: number;
  attempts: number;
  status: DeliveryStatus;
  lastStatus: number | null;
  lastError: string | null;
  lastMs: number | null;
  lastAt: number | null;
}

/** One event for the outbox: every enabled endpoint subscribed to `type` gets a delivery `eventId:endpointId`. */
export interface OutboxEvent {
  eventId: string;
  type: string;
  payload: string;
  at: number;
}

export interface AttemptResult {
  status: DeliveryStatus;
  nextAt: number;
  lastStatus: number | null;
  lastError: string | null;
  lastMs: number;
  lastAt: number;
}

export interface Webhooks {
  createEndpoint(
    e: Omit<WebhookEndpoint, 'failingSince' | 'disabledAt' | 'disabledReason' | 'previousSecret' | 'previousUntil'>,
  ): Promise<void>;
  endpoints(): Promise<WebhookEndpoint[]>;
  endpoint(id: string): Promise<WebhookEndpoint | undefined>;
  /** Changes the URL and/or the event types (deliveries already queued keep going to the endpoint); false: no such endpoint. */
  editEndpoint(id: string, patch: { url?: string; events?: readonly string[] }): Promise<boolean>;
  /**
   * Makes `secret` the signing secret in one statement; the one it replaces becomes the previous secret, which
   * keeps signing until `previousUntil` (an older previous secret stops at once). False: no such endpoint.
   */
  rotateSecret(id: string, secret: string, previousUntil: number): Promise<boolean>;
  /** Removes the endpoint and its deliveries. */
  removeEndpoint(id: string): Promise<boolean>;
  /** Health and switch: a success clears `failingSince`; disabling records when and why. */
  setEndpointState(
    id: string,
    s: Partial<Pick<WebhookEndpoint, 'enabled' | 'failingSince' | 'disabledAt' | 'disabledReason'>>,
  ): Promise<void>;
  /** Queues the events in this turn's transaction (one outbox row for all; `fanOut` makes the deliveries). */
  enqueue(events: readonly OutboxEvent[]): Promise<void>;
  /**
   * Makes the deliveries of up to `limit` outbox rows, oldest first, in one transaction: for each event one per
   * endpoint enabled and subscribed to its type now; the rows leave the outbox. Nodes doing it at once move
   * different rows. Every change of who gets which events (an endpoint added, its types edited, enabled or
   * disabled) first fans out, in its own transaction, the rows stored before it, so an event goes to the
   * endpoints that wanted it when it was stored, as if its deliveries had been made then. Resolves with the
   * number of rows moved.
   */
  fanOut(limit: number): Promise<number>;
  /** Queues one delivery to one endpoint (a test event). */
  enqueueTo(endpointId: string, event: OutboxEvent): Promise<void>;
  /** Pending deliveries of enabled endpoints due at `now` whose lease (if any) ran out, oldest first. */
  due(now: number, limit: number): Promise<WebhookDelivery[]>;
  /** Takes the delivery for one attempt until `until`; false when another worker holds it or it is no longer
   * pending. */
  claim(id: string, now: number, until: number): Promise<boolean>;
  /** Records an attempt and releases the lease. */
  attempted(id: string, attempts: number, r: AttemptResult): Promise<void>;
  /** Sends it again (same id) at `now`: pending, attempts kept. */
  resend(id: string, now: number): Promise<boolean>;
  delivery(id: string): Promise<WebhookDelivery | undefined>;
  /** An endpoint's delivery log, newest first. */
  deliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]>;
  /**
   * The delivery log's retention: deletes up to `limit` finished deliveries (delivered, or failed for good) that
   * finished before `cutoff` (a finished delivery's `nextAt` is when it finished: `attempted` records it so), in
   * one transaction, and resolves with the number deleted. A pending delivery, leased or not, is never deleted.
   * Nodes purging at once delete different rows and never wait for each other (PostgreSQL: `skip locked`); no
   * transaction at all when nothing is old enough.
   */
  purgeFinished(cutoff: number, limit: number): Promise<number>;
  /**
   * Calls `fn` whenever this process changes which endpoints get which events (an endpoint added, removed,
   * enabled or disabled, its event types changed): once when the change is queued (`durable` false) and once
   * when its transaction is over (`durable` true, committed or not). The outbox keeps the set of subscribed event
   * types from this (webhooks/subscriptions.ts). Returns the function that stops the calls.
   */
  onEndpointsChanged(fn: (durable: boolean) => void): () => void;
}

/**
 * The listeners of `onEndpointsChanged`, kept by each backend. Every write that changes an endpoint's `enabled`
 * or `events` (or adds or removes one) goes through `around`, so that no cache of the subscriptions outlives it.
 */
export class EndpointWatch {
  private readonly fns = new Set<(durable: boolean) => void>();

  on(fn: (durable: boolean) => void): () => void {
    this.fns.add(fn);
    return () => void this.fns.delete(fn);
  }

  /** Tells the listeners before and after the write `queue` starts (which resolves once it is durable). */
  around<T>(queue: () => Promise<T>): Promise<T> {
    this.tell(false);
    const p = queue();
    p.then(
      () => this.tell(true),
      () => this.tell(true),
    );
    return p;
  }

  private tell(durable: boolean): void {
    for (const fn of this.fns) fn(durable);
  }
}

/** Subscriptions are stored as `,type,type,` so that both backends match a type with one `like`. */
export const eventsColumn = (events: readonly string[]) => `,${events.join(',')},`;

export const toEndpoint = (r: any): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  events: String(r.events).split(',').filter(Boolean),
  secret: r.secret,
  previousSecret: r.previous_secret ?? null,
  previousUntil: r.previous_until == null ? null : Number(r.previous_until),
  enabled: !!r.enabled,
  createdAt: Number(r.created_at),
  failingSince: r.failing_since == null ? null : Number(r.failing_since),
  disabledAt: r.disabled_at == null ? null : Number(r.disabled_at),
  disabledReason: r.disabled_reason ?? null,
});

export const toDelivery = (r: any): WebhookDelivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  type: r.type,
  payload: r.payload,
  createdAt: Number(r.created_at),
  nextAt: Number(r.next_at),
  attempts: Number(r.attempts),
  status: r.status,
  lastStatus: r.last_status == null ? null : Number(r.last_status),
  lastError: r.last_error ?? null,
  lastMs: r.last_ms == null ? null : Number(r.last_ms),
  lastAt: r.last_at == null ? null : Number(r.last_at),
});

/** The endpoint columns a state change sets, in a fixed order. */
export const STATE_COLS = {
  enabled: 'enabled',
  failingSince: 'failing_since',
  disabledAt: 'disabled_at',
  disabledReason: 'disabled_reason',
} as const;

export const webhooksSchema = (bigint: string, bool: string) => `
create table webhook_endpoints (
  id text primary key,
  url text not null,
  events text not null,
  secret text not null,
  enabled ${bool} not null,
  created_at ${bigint} not null,
  failing_since ${bigint},
  disabled_at ${bigint},
  disabled_reason text
);
create table webhook_deliveries (
  id text primary key,
  endpoint_id text not null references webhook_endpoints(id) on delete cascade,
  type text not null,
  payload text not null,
  created_at ${bigint} not null,
  next_at ${bigint} not null,
  attempts integer not null default 0,
  status text not null,
  lease_until ${bigint},
  last_status integer,
  last_error text,
  last_ms integer,
  last_at ${bigint}
);
create index webhook_deliveries_due on webhook_deliveries (status, next_at);
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at);
`;

/**
 * The outbox of events not yet fanned out to deliveries (both backends): one row per enqueue (a turn's events,
 * `packEvents`); `seq` is SQLite's row id (oldest first); PostgreSQL's table has no key at all, its rows are
 * taken by `ctid` (webhooks.ts there). No index to keep up on a step's insert, and the table stays small: every
 * node's delivery worker empties it each poll.
 */
export const webhookOutboxSchema = (seq: string, bigint: string) => `
create table webhook_outbox (
  ${seq}created_at ${bigint} not null,
  events text not null
);
`;

/** How many outbox rows one `fanOut` moves at most (the worker's, and the endpoint changes' rounds). */
export const FAN_OUT_BATCH = 100;

/** How many finished deliveries one `purgeFinished` of the delivery worker deletes at most. */
export const PURGE_BATCH = 500;

/** The finished deliveries `purgeFinished` may delete (served by the `webhook_deliveries_due` index). */
export const FINISHED_BEFORE = (cutoff: string) => `status in ('delivered', 'failed') and next_at < ${cutoff}`;

/**
 * Events as one outbox row: a line per event, `id TAB type TAB at TAB payload`. The payload is a JSON text as
 * `JSON.stringify` writes it, which never holds a raw line break (strings escape theirs); ids and types are
 * the runtime's own names. Cheaper on a visitor's step than a row per event (or a JSON array, which would
 * escape every payload again).
 */
export function packEvents(events: readonly OutboxEvent[]): string {
  let text = '';
  for (const e of events) {
    if (/[\t\n]/.test(e.eventId + e.type) || e.payload.includes('\n'))
      throw new Error(`webhook event ${JSON.stringify(e.eventId)} cannot be stored: a line break or tab in it`);
    text += `${text ? '\n' : ''}${e.eventId}\t${e.type}\t${e.at}\t${e.payload}`;
  }
  return text;
}

export function unpackEvents(text: string): OutboxEvent[] {
  return text.split('\n').map((line) => {
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    const c = line.indexOf('\t', b + 1);
    return {
      eventId: line.slice(0, a),
      type: line.slice(a + 1, b),
      at: Number(line.slice(b + 1, c)),
      payload: line.slice(c + 1),
    };
  });
}

/** An outbox row without the events of a conversation (erasing a person's data); null when none is left. */
export function withoutConversation(text: string, conversationId: string): { events: string | null; dropped: number } {
  const needle = `"conversationId":${JSON.stringify(conversationId)}`;
  const kept = unpackEvents(text).filter((e) => !e.payload.includes(needle));
  const dropped = text.split('\n').length - kept.length;
  return { events: kept.length ? packEvents(kept) : null, dropped };
}

/** A new delivery, as `fanOut` inserts it (`insert … or ignore`: the same event fanned out twice is one). */
export interface NewDelivery {
  id: string;
  endpointId: string;
  type: string;
  payload: string;
  at: number;
}

/** The deliveries of outbox rows: each event to every endpoint in `endpoints` (the enabled ones, with their
 * `events` column) subscribed to its type, id `eventId:endpointId`. */
export function deliveriesOf(rows: readonly string[], endpoints: readonly { id: string; events: string }[]) {
  const made: NewDelivery[] = [];
  for (const row of rows)
    for (const e of unpackEvents(row))
      for (const w of endpoints)
        if (w.events.includes(`,${e.type},`))
          made.push({ id: `${e.eventId}:${w.id}`, endpointId: w.id, type: e.type, payload: e.payload, at: e.at });
  return made;
}

/** Secret rotation: the secret before the last rotation and until when it signs too (both backends). */
export const webhookRotationSchema = (bigint: string) => `
alter table webhook_endpoints add column previous_secret text;
alter table webhook_endpoints add column previous_until ${bigint};
`;

/** The SQL of `editEndpoint`'s columns, in a fixed order. */
export const editColumns = (patch: { url?: string; events?: readonly string[] }) => {
  const cols: [string, string][] = [];
  if (patch.url !== undefined) cols.push(['url', patch.url]);
  if (patch.events !== undefined) cols.push(['events', eventsColumn(patch.events)]);
  return cols;
};

/** The statement of `rotateSecret` (SQL reads every right-hand side from the row before the update). */
export const ROTATE_SQL = (p: (n: number) => string) =>
  `update webhook_endpoints set previous_secret = secret, previous_until = ${p(1)}, secret = ${p(2)} where id = ${p(3)}`;
