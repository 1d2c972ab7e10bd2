import type { Database } from 'better-sqlite3';
import type { GroupCommit } from '../store/groupCommit.ts';
import { mergeAll, mergeThroughDoc } from './mergeAll.ts';
import { isValidUpdate } from './protocol.ts';

/**
 * The durable store of stream drafts. A draft IS its Y.Doc, kept as opaque Yjs updates (only shared/stream/ydoc.ts
 * knows what is inside): appended one row per update as they arrive, merged into bigger rows as they pile up.
 */
export interface Drafts {
  /** Stores a new stream's first state, synchronously (inside the caller's transaction if there is one). */
  create(streamId: string, initialUpdate: Uint8Array): void;
  /** Queues `update` in this turn's group commit; `then` runs once it is durable (never if the commit failed).
   * `origin` is handed to the `onAppended` listeners (the collab endpoint uses it to skip the sender). */
  append(streamId: string, update: Uint8Array, then?: () => void, origin?: unknown): void;
  /** Calls `listener` once each append is durable, whoever appended (the collab endpoint relays them all to the
   * stream's open editors, so a server-side change such as a rename reaches them too). Returns an unsubscribe. */
  onAppended(listener: AppendListener): () => void;
  /** The whole draft as one update, or null when the stream has no draft. */
  load(streamId: string): Uint8Array | null;
  /** Deletes the draft (the runtime calls this when it deletes the stream). */
  remove(streamId: string): void;
  /** Merges all stored rows of a stream into one. Safe at any time; a no-op when already one row. */
  compact(streamId: string): void;
  /** The cheap, incremental part of compaction: merges every full run of FANOUT rows of one level into one row of
   * the next, never touching the whole draft. `append` does this by itself every FANOUT appends. */
  compactRecent(streamId: string): void;
  /** Whether the stream has a draft. */
  exists(streamId: string): boolean;
  /** Runs `then` once everything appended so far is durable (the sync reply waits on this). */
  whenStored(then: () => void): void;
}

/**
 * Rows of one level merge into one row of the next once there are FANOUT of them, like the levels of an LSM tree:
 * each update is re-merged once per level (about 3 µs per update in all, measured on card moves) instead of the
 * whole draft being re-merged every N updates (which costs more the bigger the draft gets), and a load merges at
 * most FANOUT − 1 rows per level plus the whole-draft row. Y.mergeUpdates is cheapest per update around 32 inputs.
 */
export const FANOUT = 32;
/** Levels that merge upwards (32^8 updates is beyond any session); WHOLE is a merged draft. */
const TOP_LEVEL = 8;
const WHOLE = 9;

export type AppendListener = (streamId: string, update: Uint8Array, origin: unknown) => void;

interface Row {
  id: number;
  data: Buffer;
}

export function createDrafts(
  db: Database,
  groupCommit: GroupCommit,
  onError: (err: unknown, where: string) => void = (err, where) => console.error(`${where}:`, err),
): Drafts {
  /** Appends per stream since its last tiering step (an entry lives until the draft is compacted whole). */
  const sinceTidy = new Map<string, number>();
  const listeners = new Set<AppendListener>();

  const insert = db.prepare<[string, number, Buffer]>('INSERT INTO collab_update (stream_id, level, data) VALUES (?, ?, ?)');
  const select = db.prepare<[string], Row>('SELECT id, data FROM collab_update WHERE stream_id = ? ORDER BY id');
  const selectLevel = db.prepare<[string, number], Row>(
    'SELECT id, data FROM collab_update WHERE stream_id = ? AND level = ? ORDER BY id',
  );
  const countLevel = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) n FROM collab_update WHERE stream_id = ? AND level = ?',
  );
  const count = db.prepare<[string], { n: number }>('SELECT count(*) n FROM collab_update WHERE stream_id = ?');
  const one = db.prepare<[string], { id: number }>('SELECT id FROM collab_update WHERE stream_id = ? LIMIT 1');
  const removeAll = db.prepare<[string]>('DELETE FROM collab_update WHERE stream_id = ?');
  const removeRow = db.prepare<[number]>('DELETE FROM collab_update WHERE id = ?');

  /** Replaces `rows` by one row of `level` holding their merge. */
  function replace(streamId: string, rows: Row[], level: number): void {
    const data = rows.map((r) => r.data);
    const merged = level === WHOLE ? mergeThroughDoc(data) : mergeAll(data);
    for (const r of rows) removeRow.run(r.id);
    insert.run(streamId, level, asBuffer(merged));
  }

  const compactTx = db.transaction((streamId: string) => {
    if (count.get(streamId)!.n <= 1) return;
    replace(streamId, select.all(streamId), WHOLE);
  });

  function tidy(streamId: string): void {
    for (let level = 0; level < TOP_LEVEL; level++) {
      if (countLevel.get(streamId, level)!.n < FANOUT) return;
      replace(streamId, selectLevel.all(streamId, level), level + 1);
    }
  }
  const compactRecentTx = db.transaction(tidy);

  /** A tiering step queued as one more write of the group commit: no transaction (and fsync) of its own. A merge
   * that throws (an undecodable row) is reported and changes nothing: `replace` merges before it writes. */
  function tidyInGroup(streamId: string): void {
    try {
      tidy(streamId);
    } catch (err) {
      onError(err, `collab compaction of ${streamId}`);
    }
  }

  return {
    create(streamId, initialUpdate) {
      if (!isValidUpdate(initialUpdate)) throw new Error(`drafts.create(${streamId}): not a Yjs update`);
      if (one.get(streamId)) throw new Error(`drafts.create(${streamId}): the stream already has a draft`);
      insert.run(streamId, WHOLE, asBuffer(initialUpdate));
    },
    append(streamId, update, then, origin) {
      const data = asBuffer(update);
      const stored =
        listeners.size === 0
          ? then
          : () => {
              for (const listener of listeners) listener(streamId, update, origin);
              then?.();
            };
      groupCommit.run(() => insert.run(streamId, 0, data), stored);
      const n = (sinceTidy.get(streamId) ?? 0) + 1;
      sinceTidy.set(streamId, n % FANOUT);
      if (n === FANOUT) groupCommit.run(() => tidyInGroup(streamId));
    },
    load(streamId) {
      const rows = select.all(streamId);
      if (rows.length === 0) return null;
      return mergeAll(rows.map((r) => r.data));
    },
    remove(streamId) {
      removeAll.run(streamId);
      sinceTidy.delete(streamId);
    },
    compact(streamId) {
      compactTx(streamId);
      sinceTidy.delete(streamId);
    },
    compactRecent(streamId) {
      compactRecentTx(streamId);
    },
    onAppended(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
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
