/**
 * The collab tables, as migrations for the runtime's migration runner (applied in order, each once).
 *
 * A draft is stored as the Yjs updates that made it. `collab_log` takes each update as it arrives: a table with no
 * secondary index, so an append is the cheapest insert SQLite has (that is what makes "stored before relayed"
 * cheap). Every 32 updates of a stream are merged into one row of `collab_update` (level 1), every 32 rows of a
 * level into one of the next, and the whole draft into one row (level 9) when its last editor leaves: see
 * drafts.ts. Stream ids are plain text with no foreign key, so the collab store does not depend on how the runtime
 * lays out streams; the runtime calls `drafts.remove(id)` when it deletes a stream.
 */
export interface CollabMigration {
  /** Stable name, recorded by the runner once applied. */
  name: string;
  sql: string;
}

export const collabMigrations: readonly CollabMigration[] = [
  {
    name: 'collab-001-draft-updates',
    sql: `
      CREATE TABLE IF NOT EXISTS collab_update (
        id INTEGER PRIMARY KEY,
        stream_id TEXT NOT NULL,
        level INTEGER NOT NULL,
        data BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS collab_update_stream ON collab_update (stream_id, level, id);
      CREATE TABLE IF NOT EXISTS collab_log (
        id INTEGER PRIMARY KEY,
        stream_id TEXT NOT NULL,
        data BLOB NOT NULL
      );
    `,
  },
];
