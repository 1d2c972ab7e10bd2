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
  /** Merges every stored row of a stream into one (the endpoint does this when the last editor leaves). With
   * `minUpdates`, only when at least that many updates were added since the last whole merge (an editor who
   * reconnects should not cost a pass over the whole draft each time). Either way the stream's run is let go. */
  compact(streamId: string, minUpdates?: number): void;
  /** Whether the stream has a draft. */
  exists(streamId: string): boolean;
  /** Runs `then` once everything appended so far is durable (the sync reply waits on this). */
  whenStored(then: () => void): void;
}

export type AppendListener = (streamId: string, update: Uint8Array, origin: unknown) => void;

/**
 * Rows merge like the levels of an LSM tree: FANOUT updates of the log into one level-1 row, FANOUT rows of a
 * level into one of the next. Each update is re-merged once per level (about 3 µs per update in all on card
 * moves; Y.mergeUpdates is cheapest per input around 32 inputs) instead of the whole draft being re-merged every N
 * updates, which costs more the bigger the draft is; and a load merges at most FANOUT − 1 rows per level.
 */
export const FANOUT = 32;
/** Levels that merge upwards (32^8 updates is beyond any session); WHOLE is a merged draft. */
const TOP_LEVEL = 8;
const WHOLE = 9;

/** The updates of a stream logged since its last merge, as committed: their log ids and bytes. The merge takes the
 * bytes from here instead of reading them back. Only streams being edited have one (`compact` drops it). */
interface Run {
  first: number;
  last: number;
  updates: Uint8Array[];
}

interface Row {
  id: number;
  data: Uint8Array;
}

export function createDrafts(
  db: Database,
  groupCommit: GroupCommit,
  onError: (err: unknown, where: string) => void = (err, where) => console.error(`${where}:`, err),
): Drafts {
  const runs = new Map<string, Run>();
  const listeners = new Set<AppendListener>();

  const log = db.prepare<[string, Uint8Array]>('INSERT INTO collab_log (stream_id, data) VALUES (?, ?)');
  const logged = db.prepare<[string], Row>('SELECT id, data FROM collab_log WHERE stream_id = ? ORDER BY id');
  // The id range comes first so that SQLite walks only that stretch of the log (it has no stream index).
  const unlogRange = db.prepare<[number, number, string]>(
    'DELETE FROM collab_log WHERE id BETWEEN ? AND ? AND stream_id = ?',
  );
  const unlogUpTo = db.prepare<[string, number]>('DELETE FROM collab_log WHERE stream_id = ? AND id <= ?');
  const insert = db.prepare<[string, number, Uint8Array]>(
    'INSERT INTO collab_update (stream_id, level, data) VALUES (?, ?, ?)',
  );
  const merged = db.prepare<[string], Row>('SELECT id, data FROM collab_update WHERE stream_id = ? ORDER BY id');
  const atLevel = db.prepare<[string, number], Row>(
    'SELECT id, data FROM collab_update WHERE stream_id = ? AND level = ? ORDER BY id',
  );
  const countAtLevel = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) n FROM collab_update WHERE stream_id = ? AND level = ?',
  );
  const removeUpTo = db.prepare<[string, number]>('DELETE FROM collab_update WHERE stream_id = ? AND id <= ?');
  const removeLevelUpTo = db.prepare<[string, number, number]>(
    'DELETE FROM collab_update WHERE stream_id = ? AND level = ? AND id <= ?',
  );
  /** Updates added since the last whole merge, at least: a merged row stands for FANOUT or more. */
  const countAdded = db.prepare<[string, string], { n: number }>(
    `SELECT (SELECT count(*) FROM collab_update WHERE stream_id = ? AND level < ${WHOLE}) * ${FANOUT}
          + (SELECT count(*) FROM collab_log WHERE stream_id = ?) n`,
  );
  const anyMerged = db.prepare<[string], { id: number }>('SELECT id FROM collab_update WHERE stream_id = ? LIMIT 1');
  const anyLogged = db.prepare<[string], { id: number }>('SELECT id FROM collab_log WHERE stream_id = ? LIMIT 1');

  function allRows(streamId: string): Uint8Array[] {
    return [...merged.all(streamId), ...logged.all(streamId)].map((r) => r.data);
  }

  /** Merges a full run into a level-1 row, then any level that became full into the next. Merges before it writes:
   * a merge that throws changes nothing (the updates stay in the log until the next whole compaction). */
  function mergeRun(streamId: string, run: Run): void {
    try {
      const level1 = mergeAll(run.updates);
      unlogRange.run(run.first, run.last, streamId);
      insert.run(streamId, 1, level1);
      for (let level = 1; level < TOP_LEVEL; level++) {
        if (countAtLevel.get(streamId, level)!.n < FANOUT) return;
        const rows = atLevel.all(streamId, level);
        const up = mergeAll(rows.map((r) => r.data));
        removeLevelUpTo.run(streamId, level, rows[rows.length - 1].id);
        insert.run(streamId, level + 1, up);
      }
    } catch (err) {
      onError(err, `collab compaction of ${streamId}`);
    }
  }

  /** Called once an append is committed. Only committed rows join a run, so a run's id range holds exactly its
   * updates: a rolled-back append never enters one. A stream starts a run only when an editor appends (`origin`);
   * the server's own appends to a stream nobody edits stay in the log, and nothing is held in memory for it. */
  function committed(streamId: string, id: number, update: Uint8Array, origin: unknown): void {
    let run = runs.get(streamId);
    if (!run) {
      if (origin === undefined) return;
      runs.set(streamId, (run = { first: id, last: id, updates: [] }));
    }
    run.last = id;
    run.updates.push(update);
    if (run.updates.length >= FANOUT) {
      runs.delete(streamId);
      const full = run;
      // One more write of the next group commit: no transaction (and fsync) of its own.
      groupCommit.run(() => mergeRun(streamId, full));
    }
  }

  const compactTx = db.transaction((streamId: string, minUpdates: number) => {
    if (countAdded.get(streamId, streamId)!.n < Math.max(minUpdates, 1)) return;
    const rows = merged.all(streamId);
    const logRows = logged.all(streamId);
    if (rows.length + logRows.length <= 1) return;
    const whole = mergeThroughDoc([...rows, ...logRows].map((r) => r.data));
    if (rows.length > 0) removeUpTo.run(streamId, rows[rows.length - 1].id);
    if (logRows.length > 0) unlogUpTo.run(streamId, logRows[logRows.length - 1].id);
    insert.run(streamId, WHOLE, whole);
  });

  return {
    create(streamId, initialUpdate) {
      if (!isValidUpdate(initialUpdate)) throw new Error(`drafts.create(${streamId}): not a Yjs update`);
      if (anyMerged.get(streamId) || anyLogged.get(streamId)) {
        throw new Error(`drafts.create(${streamId}): the stream already has a draft`);
      }
      insert.run(streamId, WHOLE, initialUpdate);
    },
    append(streamId, update, then, origin) {
      let id = 0;
      groupCommit.run(
        () => {
          id = Number(log.run(streamId, update).lastInsertRowid);
        },
        () => {
          committed(streamId, id, update, origin);
          // A listener that throws must not stop the others, nor the rest of the group commit's callbacks.
          for (const listener of listeners) {
            try {
              listener(streamId, update, origin);
            } catch (err) {
              onError(err, `collab append listener for ${streamId}`);
            }
          }
          then?.();
        },
      );
    },
    onAppended(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load(streamId) {
      const rows = allRows(streamId);
      return rows.length === 0 ? null : mergeAll(rows);
    },
    remove(streamId) {
      db.prepare('DELETE FROM collab_update WHERE stream_id = ?').run(streamId);
      db.prepare('DELETE FROM collab_log WHERE stream_id = ?').run(streamId);
      runs.delete(streamId);
    },
    compact(streamId, minUpdates = 0) {
      runs.delete(streamId);
      compactTx(streamId, minUpdates);
    },
    exists(streamId) {
      return anyMerged.get(streamId) !== undefined || anyLogged.get(streamId) !== undefined;
    },
    whenStored(then) {
      // An empty write: the callback joins this turn's commit, after every write queued before it.
      groupCommit.run(noop, then);
    },
  };
}

function noop(): void {}
