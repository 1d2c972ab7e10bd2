import { closeSync, fdatasync, openSync } from 'node:fs';
import type { Database } from 'better-sqlite3';

/**
 * Durability before acknowledgement, at a cost the runtime can afford: every write queued during one turn of the
 * event loop runs in ONE transaction, and only once it is durable do the queued `then` callbacks run (acknowledge,
 * relay, fan out). One transaction per message costs about twice the CPU (measured with SPEC §9's runtime
 * benchmark), so group commit is the default path for every durable write of the runtime.
 *
 * Durable means on disk, not only in SQLite: with a file-backed WAL database at `synchronous=NORMAL` (what
 * `openDb` sets) SQLite does not fsync at commit, so this class calls `fdatasync` on the WAL file itself, on
 * libuv's thread pool, and runs the `then`s when it returns. That is the guarantee of `synchronous=FULL` (the WAL
 * is synced before anything is acknowledged) without blocking the event loop for the length of an fsync, which
 * here is most of a step's wall time. Syncs never overlap: turns that commit while one is in flight share the next
 * one (group fsync), and callbacks run in commit order. Any other database (in memory, rollback journal, FULL)
 * syncs inside the commit as SQLite is configured, and the `then`s run right after it.
 */
export class GroupCommit {
  private writes: Array<() => void> = [];
  private thens: Array<() => void> = [];
  private scheduled = false;
  /** Committed, waiting for the next WAL sync. */
  private unsynced: Array<() => void> = [];
  private syncing = false;
  private idle: Array<() => void> = [];
  private walFd: number | undefined;
  private readonly walPath: string | undefined;

  constructor(
    private readonly db: Database,
    private readonly onError: (err: unknown) => void = (err) => {
      throw err;
    },
  ) {
    const wal = !db.memory && String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    // 1 = NORMAL: SQLite leaves the WAL unsynced at commit; we sync it off the loop.
    if (wal && db.pragma('synchronous', { simple: true }) === 1) this.walPath = `${db.name}-wal`;
  }

  /** Queue `write` for this turn's transaction; `then` runs once it is durable (not at all if it fails). */
  run(write: () => void, then?: () => void): void {
    this.writes.push(write);
    if (then) this.thens.push(then);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Resolves when everything queued so far is durable and its callbacks have run (shutdown and tests). */
  settled(): Promise<void> {
    if (!this.scheduled && !this.syncing && this.unsynced.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Commits now (synchronously); the runtime calls this on shutdown. Callbacks may wait for the WAL sync. */
  flush(): void {
    const writes = this.writes;
    const thens = this.thens;
    this.writes = [];
    this.thens = [];
    this.scheduled = false;
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
      if (ok) {
        if (this.walPath) {
          for (const t of thens) this.unsynced.push(t);
          this.sync();
        } else for (const t of thens) t();
      }
    }
    this.checkIdle();
  }

  /** Closes the WAL file handle (after `settled`, before the database closes). */
  close(): void {
    if (this.walFd !== undefined) closeSync(this.walFd);
    this.walFd = undefined;
  }

  private sync(): void {
    if (this.syncing || this.unsynced.length === 0) return;
    let fd: number;
    try {
      fd = this.walFd ??= openSync(this.walPath!, 'r');
    } catch (err) {
      return this.failSync(err);
    }
    const batch = this.unsynced;
    this.unsynced = [];
    this.syncing = true;
    fdatasync(fd, (err) => {
      this.syncing = false;
      if (err) {
        this.unsynced = batch.concat(this.unsynced);
        return this.failSync(err);
      }
      for (const t of batch) t();
      this.sync();
      this.checkIdle();
    });
  }

  /** Committed but maybe not on disk: like a failed commit, nothing of it is acknowledged. */
  private failSync(err: unknown): void {
    this.unsynced = [];
    this.onError(err);
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.scheduled || this.syncing || this.unsynced.length > 0) return;
    const idle = this.idle;
    this.idle = [];
    for (const r of idle) r();
  }
}
