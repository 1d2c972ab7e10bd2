import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations.ts';

/**
 * Opens (or creates) the runtime's SQLite file in `dataDir`: WAL so readers never wait for the writer, and
 * synchronous=FULL so a committed transaction survives a power cut. Group commit (one transaction per event-loop
 * turn) keeps the fsync cost per message small.
 */
export function openDb(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'tributary.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, MIGRATIONS);
  return db;
}
