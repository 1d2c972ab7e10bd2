import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

export interface Checkpointer {
  /** Whether the thread is in a RESTART checkpoint now, holding writers off (one `Atomics.load`). */
  holdsWriters(): boolean;
  /** Stops the thread (after the last commit, before the database closes). */
  stop(): Promise<void>;
}

/** How often the thread copies the WAL back into the database file. */
const INTERVAL_MS = 250;
/**
 * WAL frames (pages) past which the thread also rewinds the WAL to its start: 48 MB, below the WAL's size limit
 * (openDb.ts), so the file is reused rather than truncated. Each RESTART holds writers off for 10–20 ms however
 * few frames are left to copy (measured at 19,000 visitors: 60–100 frames left, 13–20 ms, the database file's
 * fsync), so the fewer the better: at 2,000 frames that was twice a second there (~3% of the time every step
 * waited), at 12,000 about once in three seconds.
 */
const RESTART_FRAMES = 12_000;

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit pushes the
 * WAL past 1,000 pages: it copies those pages into the database file and fsyncs both files, on the event loop,
 * stalling every socket for 50–500 ms (measured under the 19,000-visitor benchmark). Here the main connection never
 * checkpoints; a worker thread with its own connection runs a PASSIVE checkpoint every 250 ms, which never blocks
 * the writer. Under a steady write load a PASSIVE checkpoint never quite catches up, so the WAL would never be
 * rewound and would grow without end (it reached 480 MB in a minute of that benchmark); once it holds
 * RESTART_FRAMES pages the thread follows the PASSIVE one with a RESTART checkpoint, which holds writers off only
 * while it copies the few pages committed since and syncs, then lets the next commit start the WAL over.
 * Durability is unchanged: a checkpoint only copies what the WAL already holds. If the thread fails, the main
 * connection checkpoints by itself again.
 *
 * While a RESTART holds writers off (the last frames copied and the database file fsynced, tens of ms when the
 * disk is busy), a BEGIN on the main connection would wait in SQLite's busy handler, which sleeps in the calling
 * thread: the event loop, every socket stalled meanwhile. So the thread raises a shared flag around each RESTART
 * (`holdsWriters`), and the group commit tries its turn again from a timer while it is up (commit.ts).
 */
export function startCheckpointer(db: Database, onError: (err: unknown) => void): Checkpointer | undefined {
  if (db.memory) return undefined;
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const flag = new SharedArrayBuffer(4);
  const restarting = new Int32Array(flag);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { sqlite, file: db.name, interval: INTERVAL_MS, restartFrames: RESTART_FRAMES, flag },
  });
  db.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  const fallBack = (err: unknown) => {
    if (stopped) return;
    stopped = true;
    onError(err);
    db.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', fallBack);
  worker.on('exit', (code) => fallBack(new Error(`the checkpoint thread exited with ${code}`)));
  return {
    holdsWriters: () => Atomics.load(restarting, 0) === 1,
    async stop() {
      if (stopped) return;
      stopped = true;
      await worker.terminate();
      db.pragma('wal_autocheckpoint = 1000');
    },
  };
}

// CommonJS, evaluated in the worker: no TypeScript loader there.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file);
const restarting = new Int32Array(workerData.flag);
db.pragma('synchronous = NORMAL');
// RESTART waits for the writer's current transaction (one event-loop turn of writes) to end.
db.pragma('busy_timeout = 2000');
setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r.log >= workerData.restartFrames) {
      Atomics.store(restarting, 0, 1);
      try {
        db.pragma('wal_checkpoint(RESTART)');
      } finally {
        Atomics.store(restarting, 0, 0);
      }
    }
  } catch (err) {
    // SQLITE_BUSY: another checkpoint is running; try again next time.
    if (err && err.code !== 'SQLITE_BUSY' && err.code !== 'SQLITE_LOCKED') throw err;
  }
}, workerData.interval);
`;
