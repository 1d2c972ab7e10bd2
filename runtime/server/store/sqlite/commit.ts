import { closeSync, fdatasync, openSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
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
 * here is most of a step's wall time. Turns that end while a sync is in flight are committed together after it
 * (group fsync). Any other database (in memory, rollback journal, FULL) syncs inside the commit as SQLite is
 * configured, and the batch is delivered right after it.
 */
/** How long a turn is tried again while the database is locked (the connection's busy timeout, openDb.ts). */
const BUSY_RETRY_MS = 5000;

export class SqliteCommit extends TurnQueue<Database> {
  private walFd: number | undefined;
  private readonly walPath: string | undefined;

  constructor(
    private readonly db: Database,
    onError: (err: unknown, kind: ErrorKind) => void = (err, kind) => console.error(`store ${kind} failed:`, err),
  ) {
    super(onError);
    const wal = !db.memory && String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    // 1 = NORMAL: SQLite leaves the WAL unsynced at commit; we sync it off the loop.
    if (wal && db.pragma('synchronous', { simple: true }) === 1) this.walPath = `${db.name}-wal`;
  }

  /** Closes the WAL file handle (after `settled`, before the database closes). */
  close(): void {
    if (this.walFd !== undefined) closeSync(this.walFd);
    this.walFd = undefined;
  }

  protected commit(batch: Batch<Database>, since = Date.now()): Promise<void> {
    const db = this.db;
    let began = false;
    try {
      // BEGIN IMMEDIATE: the write lock is taken before anything runs, so that a lock we cannot get fails the
      // turn before any of its writes ran (and it can simply be tried again, below).
      db.transaction(() => {
        began = true;
        for (const e of batch) {
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
      }).immediate();
    } catch (err) {
      // The checkpoint thread's RESTART holds writers off for a moment (checkpointer.ts), and SQLite may then
      // answer BEGIN with SQLITE_BUSY at once rather than after the busy timeout (seen under heavy load). Nothing
      // of the turn ran: try it again shortly, off the event loop, for as long as the busy timeout would wait.
      const busy = String((err as { code?: string }).code).startsWith('SQLITE_BUSY');
      if (began || !busy || Date.now() - since > BUSY_RETRY_MS) throw err;
      return new Promise((resolve) => setTimeout(resolve, 5)).then(() => this.commit(batch, since));
    }
    if (!this.walPath) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let fd: number;
      try {
        fd = this.walFd ??= openSync(this.walPath!, 'r');
      } catch (err) {
        return reject(err);
      }
      // Committed but maybe not on disk when this fails: like a failed commit, nothing of it is acknowledged.
      fdatasync(fd, (err) => (err ? reject(err) : resolve()));
    });
  }

  protected runGroup(db: Database, group: Entry<Database>[]): unknown {
    for (const e of group) e.value = e.run?.(db);
    return undefined;
  }
}
