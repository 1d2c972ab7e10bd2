/**
 * The pending offers' accept deadlines: a binary min-heap keyed by offer id, ordered by due time and then by the
 * order the timers were armed (so timers due at the same instant fire in a fixed order). Each entry knows its
 * slot and a map finds the entry by key, so cancelling an offer (accepted, declined, withdrawn) is O(log n)
 * instead of a scan of all offers. Each timer carries a value (the engine's: the visitor's record), so the heap
 * is also the one index of pending offers.
 */
export class TimerHeap<T = undefined> {
  private readonly heap: Entry<T>[] = [];
  private readonly byKey = new Map<string, Entry<T>>();
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** When timer `key` is due, if armed. */
  dueOf(key: string): number | undefined {
    return this.byKey.get(key)?.due;
  }

  /** The value of timer `key`, if armed. */
  get(key: string): T | undefined {
    return this.byKey.get(key)?.value;
  }

  /** Arms (or re-arms) the timer `key` at `due`. */
  push(key: string, due: number, value: T): void {
    this.delete(key);
    const entry: Entry<T> = { key, due, value, seq: this.seq++, slot: this.heap.length };
    this.heap.push(entry);
    this.byKey.set(key, entry);
    this.up(entry.slot);
  }

  /** The earliest timer, without removing it. */
  peek(): { readonly key: string; readonly due: number; readonly value: T } | undefined {
    return this.heap[0];
  }

  /** Cancels `key`; returns false when no such timer was armed. */
  delete(key: string): boolean {
    const entry = this.byKey.get(key);
    if (entry === undefined) return false;
    this.byKey.delete(key);
    const i = entry.slot;
    const last = this.heap.pop()!;
    if (i < this.heap.length) {
      this.heap[i] = last;
      last.slot = i;
      this.down(i);
      this.up(last.slot);
    }
    return true;
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < h.length && before(h[l], h[min])) min = l;
      if (r < h.length && before(h[r], h[min])) min = r;
      if (min === i) return;
      this.swap(i, min);
      i = min;
    }
  }

  private swap(a: number, b: number): void {
    const h = this.heap;
    const ea = h[b];
    const eb = h[a];
    h[a] = ea;
    h[b] = eb;
    ea.slot = a;
    eb.slot = b;
  }
}

interface Entry<T> {
  key: string;
  due: number;
  value: T;
  seq: number;
  slot: number;
}

function before(a: Entry<unknown>, b: Entry<unknown>): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
