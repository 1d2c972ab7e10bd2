import type { Store } from '../store/store.ts';

/** How long a known set is trusted without a word of a change (a safety net for a lost cross-node message). */
export const SUBSCRIPTIONS_TTL_MS = 30_000;

/**
 * The event types some enabled endpoint subscribes to, as this process last read them, so that a visitor's step
 * makes no outbox event (no id, no JSON, no insert) that nobody would get. The set is a hint, not the truth: the
 * outbox insert still picks the endpoints in the step's own transaction, so a `true` that turns out stale only
 * costs a statement that inserts nothing. What must not happen is a stale `false` for an endpoint added since:
 * - a change made through this process's store (`onEndpointsChanged`) drops the set when it is queued, and no set
 *   is read until the change is over (durable or failed); until a read that started after that is back, every
 *   event is written (`wants` is true);
 * - a change made on another node arrives as `changed()` (the cluster's bus, docs/scale-out.md), and after a gap in
 *   the bus (`onResume`) the set is dropped too; as the bus may lose a message, a set older than `ttlMs` is read
 *   again (still used meanwhile).
 */
export class Subscriptions {
  private types: ReadonlySet<string> | undefined;
  private readAt = 0;
  /** Bumped by every change: a read that started before one is not kept. */
  private generation = 0;
  private reading = false;
  /** Changes queued through this process's store and not over yet: no set is read meanwhile. */
  private writing = 0;
  private readonly off: () => void;

  constructor(
    private readonly store: Pick<Store, 'webhooks'>,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = SUBSCRIPTIONS_TTL_MS,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.off = store.webhooks.onEndpointsChanged((durable) => {
      this.writing += durable ? -1 : 1;
      this.changed();
    });
  }

  /** Whether an event of `type` may have a subscriber (true while this process does not know). */
  wants(type: string): boolean {
    const types = this.types;
    if (types === undefined || this.now() - this.readAt > this.ttlMs) this.read();
    return types === undefined || types.has(type);
  }

  /** Endpoints changed (here or on another node): forget the set until it is read again. */
  changed(): void {
    this.generation++;
    this.types = undefined;
    this.read();
  }

  /** Stops following the store's changes. */
  close(): void {
    this.off();
  }

  private read(): void {
    if (this.reading || this.writing > 0) return;
    this.reading = true;
    const generation = this.generation;
    const startedAt = this.now();
    this.store.webhooks.endpoints().then(
      (endpoints) => {
        this.reading = false;
        if (generation !== this.generation) return this.read();
        this.types = new Set(endpoints.filter((e) => e.enabled).flatMap((e) => e.events));
        this.readAt = startedAt;
      },
      (err) => {
        // Unknown stays unknown (every event written); the next step asks again.
        this.reading = false;
        this.onError(err);
      },
    );
  }
}
