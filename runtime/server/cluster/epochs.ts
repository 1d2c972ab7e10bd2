/**
 * Where routing epochs come from. An epoch is the fencing token of a routing lease: every acquisition gets a
 * larger one than any before it, forever — so it must come from durable storage (the store, in the same database
 * as the routing log it guards), never from Redis, which may restart empty.
 */
export interface EpochSource {
  /** A new epoch for `lease`, larger than every epoch handed out for it before. */
  next(lease: string): Promise<number>;
  /** The latest epoch handed out for `lease` (0 when none). */
  current(lease: string): Promise<number>;
}

/** Epochs in memory: for one process (nothing else can hold its lease) and for tests. */
export class MemoryEpochs implements EpochSource {
  private readonly epochs = new Map<string, number>();

  async next(lease: string): Promise<number> {
    const e = (this.epochs.get(lease) ?? 0) + 1;
    this.epochs.set(lease, e);
    return e;
  }

  async current(lease: string): Promise<number> {
    return this.epochs.get(lease) ?? 0;
  }
}
