import type { Database } from 'better-sqlite3';

/**
 * Durability before acknowledgement, at a cost the runtime can afford: every write queued during one turn of the
 * event loop runs in ONE transaction (one fsync), and only after it has committed do the queued `then` callbacks run
 * (acknowledge, relay, fan out). One transaction per message costs about twice the CPU (measured with SPEC §9's
 * runtime benchmark), so group commit is the default path for every durable write of the runtime.
 */
export class GroupCommit {
  private writes: Array<() => void> = [];
  private thens: Array<() => void> = [];
  private scheduled = false;
  private flushing: Promise<void> | null = null;
  private resolveFlush: (() => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly onError: (err: unknown) => void = (err) => {
      throw err;
    },
  ) {}

  /** Queue `write` for this turn's transaction; `then` runs once it is committed (not at all if it fails). */
  run(write: () => void, then?: () => void): void {
    this.writes.push(write);
    if (then) this.thens.push(then);
    if (!this.scheduled) {
      this.scheduled = true;
      this.flushing = new Promise((resolve) => (this.resolveFlush = resolve));
      setImmediate(() => this.flush());
    }
  }

  /** Resolves when everything queued so far is committed (used by graceful shutdown and tests). */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Commits now (synchronously); the runtime calls this on shutdown. */
  flush(): void {
    const writes = this.writes;
    const thens = this.thens;
    const resolve = this.resolveFlush;
    this.writes = [];
    this.thens = [];
    this.scheduled = false;
    this.flushing = null;
    this.resolveFlush = null;
    if (writes.length > 0) {
      let ok = false;
      try {
        this.db.transaction(() => {
          for (const w of writes) w();
        })();
        ok = true;
      } catch (err) {
        this.onError(err);
      }
      if (ok) for (const t of thens) t();
    }
    resolve?.();
  }
}
