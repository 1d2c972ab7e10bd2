import type { DraftRows } from '../store/draftRows.ts';
import type { UnitOfWork } from '../store/unitOfWork.ts';
import { mergeAll, mergeThroughDoc } from './mergeAll.ts';
import { isValidUpdate } from './protocol.ts';

/**
 * The durable store of stream drafts. A draft IS its Y.Doc, kept as opaque Yjs updates (only shared/stream/ydoc.ts
 * knows what is inside): appended one row per update as they arrive, merged into bigger rows as they pile up.
 * The logic is the same on every backend; the rows live in the backend's `DraftRows`.
 */
export interface Drafts {
  /** Stores a new stream's first state (queued in this turn's unit of work: inside the caller's `atomically`
   * group if there is one); fails when the stream has a draft already. */
  create(streamId: string, initialUpdate: Uint8Array): Promise<void>;
  /** Queues `update` in this turn's unit of work; `then` runs once it is durable (never if the commit failed).
   * `origin` is handed to the `onAppended` listeners (the collab endpoint uses it to skip the sender). */
  append(streamId: string, update: Uint8Array, then?: () => void, origin?: unknown): void;
  /** Calls `listener` once each append is durable, whoever appended (the collab endpoint relays them all to the
   * stream's open editors, so a server-side change such as a rename reaches them too). Returns an unsubscribe. */
  onAppended(listener: AppendListener): () => void;
  /** The whole draft as one update, or null when the stream has no draft. */
  load(streamId: string): Promise<Uint8Array | null>;
  /** Deletes the draft (the runtime calls this when it deletes the stream). */
  remove(streamId: string): Promise<void>;
  /** Merges every stored row of a stream into one (the endpoint does this when the last editor leaves). With
   * `minUpdates`, only when at least that many updates were added since the last whole merge (an editor who
   * reconnects should not cost a pass over the whole draft each time). Either way the stream's run is let go. */
  compact(streamId: string, minUpdates?: number): Promise<void>;
  /**
   * Rewrites the stored draft as `change` makes it from the whole of it (null: nothing to change), once across
   * nodes: the rewrite replaces exactly the rows it was made from (DraftRows.replace), so when another node
   * rewrote or merged them first it stores nothing and runs `change` again on what is stored now, which then
   * usually finds nothing to do. Updates appended meanwhile stay beside it. Resolves whether this call stored one.
   */
  rewrite(streamId: string, change: (whole: Uint8Array) => Uint8Array | null): Promise<boolean>;
  /** Whether the stream has a draft. */
  exists(streamId: string): Promise<boolean>;
  /** Runs `then` once everything appended so far is durable (the sync reply waits on this). */
  whenStored(then: () => void | Promise<void>): void;
}

/** `id`: the update's row in the log (ids grow in commit order on one node). */
export type AppendListener = (streamId: string, update: Uint8Array, origin: unknown, id: number) => void;

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
/** A rewrite whose rows another merge took reads them again, this many times at most. */
const REWRITE_ATTEMPTS = 5;

/** The updates of a stream logged since its last merge, as committed: their log ids and bytes. The merge takes the
 * bytes from here instead of reading them back, and deletes exactly these ids (another node may log updates of
 * the same stream in between). Only streams being edited have one (`compact` drops it). */
interface Run {
  ids: number[];
  updates: Uint8Array[];
}

export function createDrafts(
  rows: DraftRows,
  commit: UnitOfWork,
  onError: (err: unknown, where: string) => void = (err, where) => console.error(`${where}:`, err),
): Drafts {
  const runs = new Map<string, Run>();
  const listeners = new Set<AppendListener>();
  /** Merges of one stream run one at a time, in the order they were asked for. */
  const chains = new Map<string, Promise<void>>();

  function serially(streamId: string, what: string, fn: () => Promise<void>): Promise<void> {
    const next = (chains.get(streamId) ?? Promise.resolve())
      .then(fn)
      .catch((err) => onError(err, `${what} of ${streamId}`));
    chains.set(streamId, next);
    void next.then(() => {
      if (chains.get(streamId) === next) chains.delete(streamId);
    });
    return next;
  }

  /** Merges a full run into a level-1 row, then any level that became full into the next. Merges before it writes:
   * a merge that throws changes nothing (the updates stay in the log until the next whole compaction). Another
   * node may merge the same stream's rows meanwhile: a replace whose rows it took stores nothing (see
   * DraftRows.replace), so no update is lost or stored twice. */
  async function mergeRun(streamId: string, run: Run): Promise<void> {
    if (!(await rows.replace(streamId, { merged: [], logged: run.ids }, 1, mergeAll(run.updates)))) return;
    for (let level = 1; level < TOP_LEVEL; level++) {
      if ((await rows.countAtLevel(streamId, level)) < FANOUT) return;
      const full = await rows.atLevel(streamId, level);
      const up = mergeAll(full.map((r) => r.data));
      if (!(await rows.replace(streamId, { merged: full.map((r) => r.id), logged: [] }, level + 1, up))) return;
    }
  }

  /** Called once an append is committed. Only committed rows join a run, so a run holds exactly its updates: a
   * rolled-back append never enters one. A stream starts a run only when an editor appends (`origin`); the
   * server's own appends to a stream nobody edits stay in the log, and nothing is held in memory for it. */
  function committed(streamId: string, id: number, update: Uint8Array, origin: unknown): void {
    let run = runs.get(streamId);
    if (!run) {
      if (origin === undefined) return;
      runs.set(streamId, (run = { ids: [], updates: [] }));
    }
    run.ids.push(id);
    run.updates.push(update);
    if (run.updates.length >= FANOUT) {
      runs.delete(streamId);
      const full = run;
      void serially(streamId, 'collab compaction', () => mergeRun(streamId, full));
    }
  }

  return {
    create(streamId, initialUpdate) {
      if (!isValidUpdate(initialUpdate)) throw new Error(`drafts.create(${streamId}): not a Yjs update`);
      return rows.create(streamId, WHOLE, initialUpdate);
    },
    append(streamId, update, then, origin) {
      rows.log(streamId, update, (id) => {
        committed(streamId, id, update, origin);
        // A listener that throws must not stop the others, nor the rest of the commit's callbacks.
        for (const listener of listeners) {
          try {
            listener(streamId, update, origin, id);
          } catch (err) {
            onError(err, `collab append listener for ${streamId}`);
          }
        }
        then?.();
      });
    },
    onAppended(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async load(streamId) {
      const { merged, logged } = await rows.all(streamId);
      const all = [...merged, ...logged].map((r) => r.data);
      return all.length === 0 ? null : mergeAll(all);
    },
    async remove(streamId) {
      runs.delete(streamId);
      await rows.remove(streamId);
    },
    compact(streamId, minUpdates = 0) {
      runs.delete(streamId);
      return serially(streamId, 'collab compaction', async () => {
        const n = await rows.counts(streamId, WHOLE);
        if (n.merged * FANOUT + n.logged < Math.max(minUpdates, 1)) return;
        const { merged, logged } = await rows.all(streamId);
        if (merged.length + logged.length <= 1) return;
        const whole = mergeThroughDoc([...merged, ...logged].map((r) => r.data));
        const ids = (list: { id: number }[]) => list.map((r) => r.id);
        await rows.replace(streamId, { merged: ids(merged), logged: ids(logged) }, WHOLE, whole);
      });
    },
    async rewrite(streamId, change) {
      let stored = false;
      await serially(streamId, 'collab rewrite', async () => {
        for (let attempt = 0; attempt < REWRITE_ATTEMPTS; attempt++) {
          const { merged, logged } = await rows.all(streamId);
          if (merged.length + logged.length === 0) return;
          const next = change(mergeAll([...merged, ...logged].map((r) => r.data)));
          if (!next) return;
          const ids = (list: { id: number }[]) => list.map((r) => r.id);
          if (await rows.replace(streamId, { merged: ids(merged), logged: ids(logged) }, WHOLE, next)) {
            stored = true;
            return;
          }
        }
        throw new Error(`the rows changed under ${REWRITE_ATTEMPTS} rewrites in a row`);
      });
      return stored;
    },
    exists(streamId) {
      return rows.exists(streamId);
    },
    whenStored(then) {
      commit.after(then);
    },
  };
}
