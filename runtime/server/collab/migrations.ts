/**
 * The collab tables, as migrations for the runtime's migration runner (applied in order, each once).
 *
 * A draft is stored as the Yjs updates that made it: one row per update as it arrives (an append is one small
 * insert, which is what makes "stored before relayed" cheap), merged into bigger rows as they pile up (`level`:
 * 0 for an update as received, n+1 for a merge of rows of level n, 9 for a whole draft; see drafts.ts). The stream
 * id is plain text with no foreign key so the collab store does not depend on how the runtime lays out streams;
 * the runtime calls `drafts.remove(id)` when it deletes a stream.
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
        level INTEGER NOT NULL DEFAULT 0,
        data BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS collab_update_stream ON collab_update (stream_id, id);
    `,
  },
];
