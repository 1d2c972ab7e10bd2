/**
 * The pending offers' accept deadlines: a binary min-heap keyed by offer id, ordered by due time and then by the
 * order the timers were armed (so timers due at the same instant fire in a fixed order). An index from key to heap
 * slot makes cancelling an offer (accepted, declined, withdrawn) O(log n) instead of a scan of all offers.
 */
export class TimerHeap {
  private readonly heap: Entry[] = [];
  private readonly slot = new Map<string, number>();
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  has(key: string): boolean {
    return this.slot.has(key);
  }

  /** Arms (or re-arms) the timer `key` at `due`. */
  push(key: string, due: number): void {
    this.delete(key);
    const entry = { key, due, seq: this.seq++ };
    this.heap.push(entry);
    this.slot.set(key, this.heap.length - 1);
    this.up(this.heap.length - 1);
  }

  /** The earliest timer, without removing it. */
  peek(): { key: string; due: number } | undefined {
    return this.heap[0];
  }

  /** Cancels `key`; returns false when no such timer was armed. */
  delete(key: string): boolean {
    const i = this.slot.get(key);
    if (i === undefined) return false;
    this.slot.delete(key);
    const last = this.heap.pop()!;
    if (i < this.heap.length) {
      this.heap[i] = last;
      this.slot.set(last.key, i);
      this.down(i);
      this.up(i);
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
    [h[a], h[b]] = [h[b], h[a]];
    this.slot.set(h[a].key, a);
    this.slot.set(h[b].key, b);
  }
}

interface Entry {
  key: string;
  due: number;
  seq: number;
}

function before(a: Entry, b: Entry): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
