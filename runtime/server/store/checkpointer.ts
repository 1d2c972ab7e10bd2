import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

export interface Checkpointer {
  /** Stops the thread (after the last commit, before the database closes). */
  stop(): Promise<void>;
}

/** How often the thread copies the WAL back into the database file. */
const INTERVAL_MS = 500;

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit pushes the
 * WAL past 1,000 pages: it copies those pages into the database file and fsyncs both files, on the event loop,
 * stalling every socket for 50–500 ms (measured under the 19,000-visitor benchmark). Here the main connection never
 * checkpoints; a worker thread with its own connection runs a PASSIVE checkpoint every half second, which never
 * blocks the writer (the writer restarts the WAL from its start once a checkpoint has caught up). Durability is
 * unchanged: a checkpoint only copies what the WAL already holds. If the thread fails, the main connection
 * checkpoints by itself again.
 */
export function startCheckpointer(db: Database, onError: (err: unknown) => void): Checkpointer | undefined {
  if (db.memory) return undefined;
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlite, file: db.name, interval: INTERVAL_MS } });
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
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 0');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    // SQLITE_BUSY: another checkpoint is running; try again next time.
    if (err && err.code !== 'SQLITE_BUSY' && err.code !== 'SQLITE_LOCKED') throw err;
  }
}, workerData.interval);
`;
