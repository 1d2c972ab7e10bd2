/**
 * The unit of work every backend keeps (DESIGN.md convention 7): writes queued during one turn of the event loop
 * are committed in ONE transaction, and what follows them (acknowledge, relay, offer) runs only once that
 * transaction is durable, in the order it was queued. This file holds the part every backend shares: the queue of
 * one turn, the order of callbacks, the bookkeeping of what is in flight. A backend supplies `commit`: run a
 * batch's writes in one transaction on its connection type `C` and resolve once it is durable.
 */
export interface UnitOfWork {
  /** Runs `fn` once everything queued before it is durable (never if that failed), in queue order. A `fn` that
   * returns a promise holds the callbacks queued after it until it settles (a reply that needs a read). */
  after(fn: () => void | Promise<void>): void;
  /** Runs `fn` when this turn's writes are gathered, before they are committed: the place to queue the write of
   * state that changes several times a turn (a conversation's record is saved once however often it changed). */
  beforeCommit(fn: () => void): void;
  /** Queues the writes `fn` makes synchronously as one group that commits or fails as a whole (on its own: a
   * failing group does not take the rest of the turn with it). Resolves with `fn`'s value once durable. The
   * callbacks `fn` queues with `after` run only if the group was stored, in order, once it is durable. */
  atomically<T>(fn: () => T): Promise<T>;
  /** Runs the `beforeCommit` functions queued so far now, so that the writes they make are queued here (in the
   * open `atomically` group, if any) rather than when the turn ends: a group gathers its own state. */
  gatherNow(): void;
  /** Resolves when everything queued so far is durable and its callbacks have run (shutdown and tests). */
  settled(): Promise<void>;
}

/** One queued thing: a write (`run`), a callback (`done` only), or both (a write whose result is awaited). */
export interface Entry<C> {
  run?: (conn: C) => unknown;
  /** Runs in its own savepoint: if it fails, only it is rolled back and `fail` gets the error. */
  isolated?: boolean;
  done?: (value: any) => void | Promise<void>;
  fail?: (err: unknown) => void;
  /** Set by `commit`: the value `run` returned, or the error an isolated write failed with. */
  value?: unknown;
  error?: unknown;
}

export type ErrorKind = 'commit' | 'callback';

/** A turn's entries as a backend commits them. */
export type Batch<C> = Entry<C>[];

/**
 * The turn queue shared by the backends. `commit(batch)` must run every `run` of the batch in order in one
 * transaction (isolated ones in a savepoint, recording `error` instead of throwing), set each entry's `value`,
 * and resolve once the transaction is durable; it rejects when nothing of the batch was committed. A turn that
 * ends while a commit is in flight is committed after it (under load, batches grow), unless the backend lets a
 * transaction start while the one before waits for the disk (`mayOverlap`: SQLite, whose transactions are written
 * at once and only their sync takes time). Callbacks run in commit order either way.
 */
export abstract class TurnQueue<C> implements UnitOfWork {
  private entries: Batch<C> = [];
  private deferred: Array<() => void> = [];
  private scheduled = false;
  /** Committed batches not yet durable, oldest first, with how they ended once they did. */
  private inFlight: { batch: Batch<C>; outcome?: { err: unknown } | 'durable' }[] = [];
  /** Commits whose outcome is not known yet. */
  private committing = 0;
  private group: Entry<C>[] | undefined;
  /** Durable batches whose callbacks have not all run yet (delivered in commit order). */
  private delivering: Batch<C>[] = [];
  private pumping = false;
  private idle: Array<() => void> = [];
  /** The error the last batch to land failed with, if it failed (reported already). */
  private failure: unknown;

  constructor(private readonly onError: (err: unknown, kind: ErrorKind) => void) {}

  /** Queues a write for this turn's transaction; `done` gets its value once durable, `fail` the error if not. */
  write<T>(
    run: (conn: C) => T,
    done?: (value: Awaited<T>) => void,
    fail?: (err: unknown) => void,
    isolated = false,
  ): void {
    const entry: Entry<C> = { run, done, fail, isolated };
    if (this.group) this.group.push(entry);
    else this.push(entry);
  }

  /** Like `write`, as a promise. The promise is marked handled: a caller that ignores it does not crash the
   * process when the commit fails (the failure is reported through `onError` either way). `isolated`: in a
   * savepoint of its own, so that a write that may break a constraint (an admin's) fails alone. */
  queue<T>(run: (conn: C) => T, isolated = false): Promise<Awaited<T>> {
    const p = new Promise<Awaited<T>>((resolve, reject) => this.write(run, resolve, reject, isolated));
    p.catch(noop);
    return p;
  }

  after(fn: () => void | Promise<void>): void {
    if (this.group) this.group.push({ done: fn });
    else this.push({ done: fn });
  }

  gatherNow(): void {
    const deferred = this.deferred;
    this.deferred = [];
    for (const fn of deferred) fn();
  }

  beforeCommit(fn: () => void): void {
    this.deferred.push(fn);
    this.schedule();
  }

  atomically<T>(fn: () => T): Promise<T> {
    if (this.group) return Promise.resolve(fn());
    const group: Entry<C>[] = (this.group = []);
    let value: T;
    try {
      value = fn();
    } finally {
      this.group = undefined;
    }
    const p = new Promise<T>((resolve, reject) =>
      this.push({
        run: (conn) => this.runGroup(conn, group),
        isolated: true,
        done: () => {
          const finish = runInOrder(group, 0);
          if (!finish) return resolve(value);
          return finish.then(() => resolve(value));
        },
        fail: (err) => {
          for (const e of group) e.fail?.(err);
          reject(err);
        },
      }),
    );
    p.catch(noop);
    return p;
  }

  async settled(): Promise<void> {
    // Callbacks may queue more (a merge after an append): idle means still idle once their microtasks ran.
    do {
      if (!this.isIdle()) await new Promise<void>((resolve) => this.idle.push(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    } while (!this.isIdle());
  }

  /** Commits what is queued now instead of at the end of the turn (shutdown). */
  flush(): void {
    this.scheduled = false;
    // Not now: `landed` flushes when a commit returns (or the backend calls `flush` again sooner).
    if (this.committing > 0 && !this.mayOverlap(this.committing)) return;
    for (let i = 0; i < this.deferred.length; i++) this.deferred[i]();
    this.deferred = [];
    const batch = this.entries;
    this.entries = [];
    if (batch.length === 0) return this.checkIdle();
    if (!batch.some((e) => e.run)) {
      // Nothing to write: its callbacks still wait for the batches before it.
      if (this.inFlight.length === 0) {
        this.delivering.push(batch);
        this.pump();
      } else this.inFlight.push({ batch, outcome: 'durable' });
      return;
    }
    const flight: (typeof this.inFlight)[number] = { batch };
    this.inFlight.push(flight);
    this.committing++;
    let result: Promise<void>;
    try {
      result = this.commit(batch);
    } catch (err) {
      result = Promise.reject(err);
    }
    result.then(
      () => this.landed(flight, 'durable'),
      (err) => this.landed(flight, { err }),
    );
  }

  /** `flush`, unless the backend holds the batch a little longer (`holdFor`: it flushes again itself). */
  protected flushSoon(): void {
    if ((this.entries.length > 0 || this.deferred.length > 0) && this.holdFor() > 0) {
      this.scheduled = false;
      return;
    }
    this.flush();
  }

  /** The entry queued last in this turn (in the open `atomically` group, if any), not yet committed: a backend
   * may fold a like write into it (PostgreSQL gathers the rows of all conversations into one statement). */
  protected last(): Entry<C> | undefined {
    const list = this.group ?? this.entries;
    return list[list.length - 1];
  }

  /**
   * Whether a batch may be committed while `inFlight` others are not durable yet. The others' callbacks still run
   * first. A backend that allows it must keep its transactions in order (only their waits for the disk overlap).
   */
  protected mayOverlap(inFlight: number): boolean {
    return inFlight === 0;
  }

  /**
   * How long the batch queued at the end of this turn should wait before it is committed (0: at once). A backend
   * that holds a batch must call `flush` once that time has passed (a timer); turns that end meanwhile join the
   * batch. An explicit `flush` (shutdown) does not wait.
   */
  protected holdFor(): number {
    return 0;
  }

  /** Whether a batch being durable makes every batch committed before it durable (one file synced whole: a
   * sync that began after a batch's transaction was written covers every transaction written before). */
  protected laterCoversEarlier = false;

  /** A batch is durable or failed: delivers, in commit order, every batch at the head whose fate is known. */
  private landed(flight: (typeof this.inFlight)[number], outcome: { err: unknown } | 'durable'): void {
    flight.outcome = outcome;
    this.committing--;
    // A sync that began after this batch was written covers the batches written before it too: they need not
    // wait for their own sync, which may be the slow one (SQLite's overlapping WAL syncs).
    // (A batch delivered so already is no longer in `inFlight`: its own sync returning late covers nothing new.)
    if (outcome === 'durable' && this.laterCoversEarlier)
      for (let i = this.inFlight.indexOf(flight) - 1; i >= 0; i--) this.inFlight[i].outcome ??= 'durable';
    while (this.inFlight.length > 0 && this.inFlight[0].outcome) {
      const { batch, outcome: o } = this.inFlight.shift()!;
      if (o === 'durable') {
        this.delivering.push(batch);
        this.failure = undefined;
      } else {
        // A batch committed behind one that failed fails with that one's error: one failure, one report.
        if (o!.err !== this.failure) this.onError(o!.err, 'commit');
        this.failure = o!.err;
        for (const e of batch) this.safely(() => e.fail?.(o!.err));
      }
    }
    this.pump();
    if (this.entries.length || this.deferred.length) this.flushSoon();
    else this.checkIdle();
  }

  /** Runs every write of a batch on `conn` in order; isolated ones through `isolate`. */
  protected abstract commit(batch: Batch<C>): Promise<void>;

  /** The writes of one `atomically` group, in order (inside the group's savepoint). */
  protected abstract runGroup(conn: C, group: Entry<C>[]): unknown;

  protected isIdle(): boolean {
    return (
      !this.scheduled &&
      this.inFlight.length === 0 &&
      !this.pumping &&
      this.entries.length === 0 &&
      this.deferred.length === 0 &&
      this.delivering.length === 0
    );
  }

  private push(entry: Entry<C>): void {
    this.entries.push(entry);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      if (this.scheduled) this.flushSoon();
    });
  }

  /** Runs the callbacks of durable batches in order; one that returns a promise holds the rest until it settles. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    while (this.delivering.length > 0) {
      const batch = this.delivering[0];
      while (batch.length > 0) {
        const e = batch.shift()!;
        let r: void | Promise<void> = undefined;
        if (e.error !== undefined) this.safely(() => e.fail?.(e.error));
        else r = this.safely(() => e.done?.(e.value));
        if (r && typeof r.then === 'function') {
          r.then(
            () => this.resume(),
            (err) => (this.onError(err, 'callback'), this.resume()),
          );
          return;
        }
      }
      this.delivering.shift();
    }
    this.pumping = false;
    this.checkIdle();
  }

  private resume(): void {
    this.pumping = false;
    this.pump();
  }

  private safely<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.onError(err, 'callback');
      return undefined;
    }
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const idle = this.idle;
    this.idle = [];
    for (const r of idle) r();
  }
}

function noop(): void {}

/** Runs the group's callbacks from `i` in order; one that returns a promise holds the rest until it settles. */
function runInOrder<C>(group: Entry<C>[], i: number): Promise<void> | undefined {
  for (; i < group.length; i++) {
    const r = group[i].done?.(group[i].value);
    if (r && typeof r.then === 'function') {
      const next = i + 1;
      return r.then(() => runInOrder(group, next));
    }
  }
  return undefined;
}
