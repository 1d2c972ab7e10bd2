import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations.ts';

/**
 * Bytes of the database file read through a memory map (SQLite's `mmap_size`): a page outside SQLite's own small
 * cache is then a memory access rather than a read() system call and a copy. A search reads a few thousand
 * scattered pages (docs/search.md), which costs half as much CPU this way. The pages are the kernel's page cache
 * either way (shared, dropped under memory pressure); writes still go through the WAL.
 */
export const MMAP_SIZE = 1 << 30;

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
  db.pragma(`mmap_size = ${MMAP_SIZE}`);
  migrate(db, MIGRATIONS);
  return db;
}
