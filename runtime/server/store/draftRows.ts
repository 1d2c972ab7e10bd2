/** One stored row of a draft: its id (in insertion order) and its Yjs update. */
export interface DraftRow {
  id: number;
  data: Uint8Array;
}

/**
 * The co-editing draft tables as a backend stores them (collab/drafts.ts holds the logic over them, with the
 * streams aggregate): `collab_log` takes updates as they arrive, `collab_update` holds merged rows by level.
 * Reads run on their own; writes are queued in the unit of work and resolve once durable.
 */
export interface DraftRows {
  /** Appends an update to the log (the hot path: a callback, no promise); `done` gets its row id once durable. */
  log(streamId: string, data: Uint8Array, done: (id: number) => void): void;
  /** Stores a new stream's first state as one merged row at `level`; fails if the stream has any row. */
  create(streamId: string, level: number, data: Uint8Array): Promise<void>;
  /**
   * In one transaction: deletes the rows named (merged and logged) and inserts `data` as a merged row at `level`,
   * only if every row named is still there; otherwise changes nothing and resolves false. Several nodes may merge
   * rows of one stream at once: the first replace wins, and a merge of rows another merge already took is dropped
   * instead of storing their updates twice.
   */
  replace(
    streamId: string,
    remove: { merged: number[]; logged: number[] },
    level: number,
    data: Uint8Array,
  ): Promise<boolean>;
  /** Deletes every row of the stream. */
  remove(streamId: string): Promise<void>;
  /** Every row of the stream: merged rows, then logged ones, each in id order. */
  all(streamId: string): Promise<{ merged: DraftRow[]; logged: DraftRow[] }>;
  atLevel(streamId: string, level: number): Promise<DraftRow[]>;
  countAtLevel(streamId: string, level: number): Promise<number>;
  /** Merged rows below `level` and logged rows of the stream. */
  counts(streamId: string, belowLevel: number): Promise<{ merged: number; logged: number }>;
  exists(streamId: string): Promise<boolean>;
}

/** Thrown inside a replace's savepoint when a row it names is gone, so that its partial deletes roll back. */
export class RowsTaken extends Error {
  constructor() {
    super('the rows were merged by another merge');
  }
}

/** A replace's outcome: RowsTaken means another merge won (false); anything else is a failure. */
export function replaced(write: Promise<unknown>): Promise<boolean> {
  return write.then(
    () => true,
    (err) => {
      if (err instanceof RowsTaken) return false;
      throw err;
    },
  );
}
