import { dayOf, type Counter, type CounterKind } from '../store/results.ts';
import type { Store } from '../store/store.ts';

/** The conversation facts a counter is filed under. */
export interface Counted {
  streamId: string;
  version: number;
  startedAt: number;
}

/**
 * Counter deltas of one turn, written in that turn's transaction (the one that stores the steps they count): one
 * `results.add` per turn however many visitors moved, and never a count without its step or a step without its
 * count. Counts are filed under the conversation's start day (store/results.ts).
 */
export class Tally {
  private pending = new Map<string, Counter>();
  private queued = false;

  constructor(
    private readonly store: Pick<Store, 'results'>,
    /** Queues a write in this turn's unit of work (the hub's `write`: run when the turn's writes are gathered). */
    private readonly write: (fn: () => void) => void,
  ) {}

  add(c: Counted, kind: CounterKind, key: string, n = 1): void {
    if (n === 0) return;
    const day = dayOf(c.startedAt);
    const k = `${c.streamId}\u0000${c.version}\u0000${day}\u0000${kind}\u0000${key}`;
    const had = this.pending.get(k);
    if (had) had.n += n;
    else this.pending.set(k, { streamId: c.streamId, version: c.version, day, kind, key, n });
    if (this.queued) return;
    this.queued = true;
    this.write(() => {
      this.queued = false;
      const deltas = [...this.pending.values()].filter((d) => d.n !== 0);
      this.pending.clear();
      void this.store.results.add(deltas);
    });
  }

  /** Drops what was not written yet (a failed commit: the steps it counted were not stored either). */
  forget(): void {
    this.pending.clear();
    this.queued = false;
  }
}
