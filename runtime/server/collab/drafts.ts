import type { Database } from 'better-sqlite3';
import type { GroupCommit } from '../store/groupCommit.ts';
import { mergeAll } from './mergeAll.ts';
import { isValidUpdate } from './protocol.ts';

/**
 * The durable store of stream drafts. A draft IS its Y.Doc, kept as opaque Yjs updates (only shared/stream/ydoc.ts
 * knows what is inside): appended one row per update as they arrive, merged into one row by `compact`.
 */
export interface Drafts {
  /** Stores a new stream's first state, synchronously (inside the caller's transaction if there is one). */
  create(streamId: string, initialUpdate: Uint8Array): void;
  /** Queues `update` in this turn's group commit; `then` runs once it is durable (never if the commit failed). */
  append(streamId: string, update: Uint8Array, then?: () => void): void;
  /** The whole draft as one update, or null when the stream has no draft. */
  load(streamId: string): Uint8Array | null;
  /** Deletes the draft (the runtime calls this when it deletes the stream). */
  remove(streamId: string): void;
  /** Merges the stored updates of a stream into one row. Safe at any time; a no-op when already one row. */
  compact(streamId: string): void;
  /** Whether the stream has a draft. */
  exists(streamId: string): boolean;
  /** Runs `then` once everything appended so far is durable (the sync reply waits on this). */
  whenStored(then: () => void): void;
}

interface Row {
  id: number;
  data: Buffer;
}

export function createDrafts(db: Database, groupCommit: GroupCommit): Drafts {
  const insert = db.prepare<[string, Buffer]>('INSERT INTO collab_update (stream_id, data) VALUES (?, ?)');
  const select = db.prepare<[string], Row>('SELECT id, data FROM collab_update WHERE stream_id = ? ORDER BY id');
  const one = db.prepare<[string], { id: number }>('SELECT id FROM collab_update WHERE stream_id = ? LIMIT 1');
  const removeAll = db.prepare<[string]>('DELETE FROM collab_update WHERE stream_id = ?');
  const removeUpTo = db.prepare<[string, number]>('DELETE FROM collab_update WHERE stream_id = ? AND id <= ?');

  const compactTx = db.transaction((streamId: string) => {
    const rows = select.all(streamId);
    if (rows.length <= 1) return;
    const merged = mergeAll(rows.map((r) => r.data));
    removeUpTo.run(streamId, rows[rows.length - 1].id);
    insert.run(streamId, asBuffer(merged));
  });

  return {
    create(streamId, initialUpdate) {
      if (!isValidUpdate(initialUpdate)) throw new Error(`drafts.create(${streamId}): not a Yjs update`);
      if (one.get(streamId)) throw new Error(`drafts.create(${streamId}): the stream already has a draft`);
      insert.run(streamId, asBuffer(initialUpdate));
    },
    append(streamId, update, then) {
      const data = asBuffer(update);
      groupCommit.run(() => insert.run(streamId, data), then);
    },
    load(streamId) {
      const rows = select.all(streamId);
      if (rows.length === 0) return null;
      return mergeAll(rows.map((r) => r.data));
    },
    remove(streamId) {
      removeAll.run(streamId);
    },
    compact(streamId) {
      compactTx(streamId);
    },
    exists(streamId) {
      return one.get(streamId) !== undefined;
    },
    whenStored(then) {
      // An empty write: the callback joins this turn's commit, after every write queued before it.
      groupCommit.run(noop, then);
    },
  };
}

function noop(): void {}

/** better-sqlite3 binds Buffers; this one shares the update's memory instead of copying it. */
function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
