import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RetryKind } from '../store/retries.ts';
import type { Store } from '../store/store.ts';

export interface RetryQueueOptions<T> {
  /** The kind of its rows in `delivery_retries`, and the first word of its log lines (`email failed`, `push sent`). */
  kind: RetryKind;
  store: Pick<Store, 'retries'>;
  log: Logger;
  /** Waits before each retry of a failed delivery; after the last one it is given up (and logged). */
  delaysMs: readonly number[];
  /** The longest one attempt can take: a claim outlasts it, so that no other node takes the row meanwhile. */
  attemptMs: number;
  /** How often the worker looks for due retries (default: the first retry delay, at most 5 s). */
  pollMs?: number;
  /**
   * One attempt (`n`: attempts made before it). Resolves true once delivered, false when there is nothing left to
   * do (its target gone, expired, the channel turned off: the attempt logs why); throws when it failed.
   */
  attempt(item: T, n: number): Promise<boolean>;
  /** Whether a failure is worth another attempt at `nextAt` (default: always; a push only until it expires). */
  retryable?(err: unknown, item: T, nextAt: number): boolean;
  /** What the log lines say about an item (never its whole content). */
  describe(item: T): Record<string, unknown>;
  /** How a failure reads in the log (default: its message). */
  errText?(err: unknown): string;
  now?: () => number;
}

/**
 * Deliveries that survive a failure and a restart, one way for every kind (emails, Web Push; docs/store.md
 * `retries`). `send` makes the first attempt at once and returns: nothing waits on a slow or refusing service. A
 * delivery that failed is kept in the store with its next due time; the worker of every node (`start`) claims due
 * rows under a lease, tries each once more, then removes it (delivered, given up) or reschedules it with the next
 * delay. A node that stops or dies loses none: its rows are claimed by the next node whose poll finds them due
 * (a lease a dead node held ends first). At least once.
 */
export interface RetryQueue<T> {
  /** The first attempt, now; a failure is kept to retry. */
  send(item: T): void;
  /** Starts the worker that retries the stored failures (this node's and any other's). */
  start(): void;
  /** Resolves once nothing is in flight (and, once started, no row of this kind is left). */
  idle(): Promise<void>;
  /** Attempts in flight now. */
  pending(): number;
  /**
   * Stops the worker and takes no new sends; resolves once the attempts in flight have settled (a failure among
   * them kept in the store: close the store after). Kept rows stay for the next start (of any node).
   */
  stop(): Promise<void>;
}

export function createRetryQueue<T>(o: RetryQueueOptions<T>): RetryQueue<T> {
  const { kind, store, log, delaysMs } = o;
  const now = o.now ?? Date.now;
  const pollMs = o.pollMs ?? Math.min(delaysMs[0] ?? 5000, 5000);
  const leaseMs = o.attemptMs + 5000;
  const errText = o.errText ?? ((err: unknown) => (err instanceof Error ? err.message : String(err)));
  let worker: NodeJS.Timeout | undefined;
  let polling = false;
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  let stopped = false;

  const settle = () => {
    if (inFlight !== 0) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  /** Attempt `n` (0: the first) of an item; `kept` is its stored row, if it has one. */
  const run = async (item: T, n: number, kept?: string) => {
    inFlight++;
    const about = o.describe(item);
    try {
      if (await o.attempt(item, n)) log.info({ ...about, attempt: n + 1 }, `${kind} sent`);
      if (kept) await store.retries.remove(kept);
    } catch (err) {
      const delay = delaysMs[n];
      const nextAt = now() + (delay ?? 0);
      const ctx = { ...about, err: errText(err), attempt: n + 1 };
      if (delay === undefined || !(o.retryable?.(err, item, nextAt) ?? true)) {
        log.warn(ctx, `${kind} given up`);
        if (kept) await store.retries.remove(kept).catch(() => {});
        return;
      }
      log.warn({ ...ctx, retryInMs: delay }, `${kind} failed`);
      const keep = kept
        ? store.retries.reschedule(kept, n + 1, nextAt)
        : store.retries.add({
            id: `${kind}_${randomUUID()}`,
            kind,
            payload: JSON.stringify(item),
            attempts: 1,
            nextAt,
          });
      await keep.catch((e) => log.error({ ...about, err: String(e) }, `${kind} retry not stored`));
    } finally {
      inFlight--;
      settle();
    }
  };

  /** The worker's round: the due rows this node could claim, each tried once more. */
  const poll = async () => {
    if (polling || stopped) return;
    polling = true;
    try {
      for (const r of await store.retries.claim(kind, now(), leaseMs, 20))
        void run(JSON.parse(r.payload) as T, r.attempts, r.id);
    } catch (err) {
      log.warn({ err: String(err) }, `${kind} retries could not be read`);
    } finally {
      polling = false;
    }
  };

  return {
    send(item) {
      if (stopped) return void log.warn(o.describe(item), `${kind} not sent: stopping`);
      void run(item, 0);
    },
    start() {
      if (worker || stopped) return;
      worker = setInterval(() => void poll(), pollMs);
      worker.unref();
      void poll();
    },
    async idle() {
      for (;;) {
        if (inFlight !== 0) await new Promise<void>((ok) => waiters.push(ok));
        else if (worker && !stopped && (await store.retries.count(kind)) > 0)
          await new Promise((ok) => setTimeout(ok, pollMs));
        else return;
      }
    },
    pending: () => inFlight,
    stop() {
      stopped = true;
      clearInterval(worker);
      worker = undefined;
      return inFlight === 0 ? Promise.resolve() : new Promise<void>((ok) => waiters.push(ok));
    },
  };
}
