import { closeSync, fdatasync, openSync } from 'node:fs';
import type { Database, Transaction } from 'better-sqlite3';
import { TurnQueue, type Batch, type Entry, type ErrorKind } from '../unitOfWork.ts';

/**
 * The unit of work on SQLite (group commit): one transaction per turn of the event loop, run synchronously on
 * the one connection. One transaction per message costs about twice the CPU (measured with SPEC §9's runtime
 * benchmark), so every durable write of the runtime goes through here.
 *
 * Durable means on disk, not only in SQLite: with a file-backed WAL database at `synchronous=NORMAL` (what
 * `openDb` sets) SQLite does not fsync at commit, so this class calls `fdatasync` on the WAL file itself, on
 * libuv's thread pool, and delivers the batch when it returns. That is the guarantee of `synchronous=FULL` (the WAL
 * is synced before anything is acknowledged) without blocking the event loop for the length of an fsync, which
 * here is most of a step's wall time. Any other database (in memory, rollback journal, FULL) syncs inside the commit as SQLite is
 * configured, and the batch is delivered right after it.
 *
 * The next turn's transaction need not wait for that sync: it is written at once, and its own sync starts beside
 * the first (at most SYNCS_IN_FLIGHT at a time; turns that end while all are in flight are committed together
 * after one returns: group fsync). A sync that starts after a transaction was written covers it and every one
 * written before it, so a turn is delivered as soon as any sync that began after it returns, not only its own (a
 * slow fdatasync no longer holds the turns behind it when a later one returns first); callbacks still run in
 * commit order. On this machine two syncs in flight cut the median wait for the disk from ~5 to ~1.7 ms (one at a
 * time, a turn waited for the sync in flight, then for its own); a third keeps a turn from waiting for a slot
 * while one sync is slow.
 */
/** How long a turn is tried again while the database is locked (the connection's busy timeout, openDb.ts). */
const BUSY_RETRY_MS = 5000;
/** How soon a turn that found writers held off is tried again (a RESTART lasts about one fsync). */
const RETRY_STEP_MS = 2;
/** Turns whose WAL sync may be in flight at once (each its own fdatasync on libuv's thread pool). */
const SYNCS_IN_FLIGHT = 3;
/** See `mayOverlap`: a sync running this long is a slow one, and the next turn need not wait for it. */
const OVERLAP_AFTER_MS = 1;
/** See `holdFor`: a transaction is written at most once per this many milliseconds on a synced WAL. */
const COMMIT_WINDOW_MS = 2;

export interface SqliteCommitOptions {
  /** How long the newest WAL sync in flight runs before the next turn may start a sync beside it. */
  overlapAfterMs?: number;
  /** The commit window (`holdFor`); 0 writes every turn's transaction at once. Default: 2 ms on a synced WAL. */
  windowMs?: number;
}

export class SqliteCommit extends TurnQueue<Database> {
  private walFd: number | undefined;
  private readonly walPath: string | undefined;
  /** A turn is being tried again (the database was locked): the next one waits, so that turns stay in order. */
  private retrying = false;
  /** Whether another connection holds writers off now (the checkpoint thread's RESTART): BEGIN would sleep. */
  private writersHeld: () => boolean = () => false;

  constructor(
    private readonly db: Database,
    onError: (err: unknown, kind: ErrorKind) => void = (err, kind) => console.error(`store ${kind} failed:`, err),
    options: SqliteCommitOptions = {},
  ) {
    super(onError);
    const wal = !db.memory && String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    // 1 = NORMAL: SQLite leaves the WAL unsynced at commit; we sync it off the loop.
    if (wal && db.pragma('synchronous', { simple: true }) === 1) this.walPath = `${db.name}-wal`;
    this.laterCoversEarlier = this.walPath !== undefined;
    this.overlapAfterMs = options.overlapAfterMs ?? OVERLAP_AFTER_MS;
    this.windowMs = options.windowMs ?? (this.walPath === undefined ? 0 : COMMIT_WINDOW_MS);
    this.transaction = db.transaction(() => {
      this.began = true;
      for (const e of this.current) {
        if (!e.run) continue;
        if (!e.isolated) e.value = e.run(db);
        else {
          // A nested better-sqlite3 transaction is a savepoint: a failure rolls back this entry only.
          try {
            e.value = db.transaction(e.run)(db);
          } catch (err) {
            e.error = err;
          }
        }
      }
    });
  }

  /** Lets `held` tell when another connection holds writers off: a turn then waits on a timer, not in SQLite's
   * busy handler, which sleeps on the event loop (checkpointer.ts). */
  waitWhile(held: () => boolean): void {
    this.writersHeld = held;
  }

  /** Closes the WAL file handle (after `settled`, before the database closes). */
  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.holdTimer) clearTimeout(this.holdTimer);
    if (this.walFd !== undefined) closeSync(this.walFd);
    this.walFd = undefined;
  }

  protected override mayOverlap(inFlight: number): boolean {
    if (this.retrying || inFlight >= (this.walPath === undefined ? 1 : SYNCS_IN_FLIGHT)) return false;
    // Another sync only once the newest one in flight is not quick: a turn that ends while a sync of the usual
    // length (~0.3 ms on a quiet disk) runs waits for it and shares the next transaction with the turns beside it,
    // instead of paying a transaction and a sync of its own (most of a step's CPU at a few thousand steps a
    // second); a turn behind a slow sync waits at most `overlapAfterMs` for one of its own.
    const waited = performance.now() - this.lastSync;
    if (waited >= this.overlapAfterMs) return true;
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = undefined;
      this.flush();
    }, this.overlapAfterMs - waited);
    return false;
  }

  /**
   * The commit window: a turn's transaction is written no sooner than `windowMs` after the one before it began;
   * turns that end meanwhile join it. A transaction costs far more than the rows in it (the WAL pages it touches
   * are written whole, then synced and checkpointed: ~230 µs of CPU at 19,000 visitors, docs/runtime.md), and at a
   * few thousand steps a second spread over many conversations a turn holds one or two steps: with a 2 ms window
   * 1,200 transactions a second became 370 there, ~10 steps each, and a step's CPU fell by a quarter, for at most
   * 2 ms more before its acknowledgement. A turn after a quiet moment is written at once.
   */
  protected override holdFor(): number {
    const left = this.windowMs - (performance.now() - this.lastBegin);
    if (left <= 0) return 0;
    // Timers count whole milliseconds from the loop's clock, and may fire a little early: the window is checked
    // again when this one fires.
    this.holdTimer ??= setTimeout(() => {
      this.holdTimer = undefined;
      this.flushSoon();
    }, Math.ceil(left));
    return left;
  }

  private readonly windowMs: number;
  private readonly overlapAfterMs: number;
  /** When the newest transaction was written (`performance.now()`). */
  private lastBegin = -Infinity;
  private holdTimer: NodeJS.Timeout | undefined;

  /** When the newest sync in flight started (`performance.now()`). */
  private lastSync = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  /** The batch `transaction` runs; the transaction function is made once (better-sqlite3 builds one per call). */
  private current: Batch<Database> = [];
  private began = false;
  private readonly transaction: Transaction<() => void>;

  protected commit(batch: Batch<Database>, since = Date.now()): Promise<void> {
    if (this.writersHeld() && Date.now() - since <= BUSY_RETRY_MS) return this.later(batch, since);
    this.current = batch;
    this.began = false;
    this.lastBegin = performance.now();
    try {
      // BEGIN IMMEDIATE: the write lock is taken before anything runs, so that a lock we cannot get fails the
      // turn before any of its writes ran (and it can simply be tried again, below).
      this.transaction.immediate();
    } catch (err) {
      // The checkpoint thread's RESTART holds writers off for a moment (checkpointer.ts), and SQLite may then
      // answer BEGIN with SQLITE_BUSY at once rather than after the busy timeout (seen under heavy load). Nothing
      // of the turn ran: try it again shortly, off the event loop, for as long as the busy timeout would wait.
      const busy = String((err as { code?: string }).code).startsWith('SQLITE_BUSY');
      this.retrying = !this.began && busy && Date.now() - since <= BUSY_RETRY_MS;
      if (!this.retrying) throw err;
      return this.later(batch, since);
    } finally {
      this.current = [];
    }
    this.retrying = false;
    if (!this.walPath) return Promise.resolve();
    let fd: number;
    try {
      fd = this.walFd ??= openSync(this.walPath, 'r');
    } catch (err) {
      return Promise.reject(err);
    }
    // Committed but maybe not on disk when this fails: like a failed commit, nothing of it is acknowledged.
    this.lastSync = performance.now();
    return this.sync(fd);
  }

  /** Tries `batch` again shortly; turns after it wait meanwhile (`retrying`), so that they stay in order. */
  private later(batch: Batch<Database>, since: number): Promise<void> {
    this.retrying = true;
    return new Promise((resolve) => setTimeout(resolve, RETRY_STEP_MS)).then(() => this.commit(batch, since));
  }

  /** fdatasync of the WAL, on libuv's thread pool. */
  protected sync(fd: number): Promise<void> {
    return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
  }

  protected runGroup(db: Database, group: Entry<Database>[]): unknown {
    for (const e of group) e.value = e.run?.(db);
    return undefined;
  }
}
