import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations.ts';

/**
 * Opens (or creates) the runtime's SQLite file in `dataDir`: WAL so readers never wait for the writer, and
 * synchronous=NORMAL, under which a commit is a write() into the WAL: it survives the process being killed (the
 * kernel holds it), and GroupCommit fdatasyncs the WAL off the event loop before anything is acknowledged, so an
 * acknowledged write survives a power cut too (what FULL gives, without an fsync blocking the loop every turn).
 */
export function openDb(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'tributary.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // A WAL that grew under a burst is cut back to 64 MB when it is next rewound.
  db.pragma('journal_size_limit = 67108864');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, MIGRATIONS);
  return db;
}
