import type { VisitorRecord } from './types.ts';

/**
 * One pool's waiting queue (SPEC §4): first in, first out; a visitor may also leave from the middle (ended, left,
 * timed out after a settings change). Slots are append-only with a Fenwick tree of the occupied ones, so a
 * visitor's position is O(log n) and leaving is O(log n); the slots are compacted once most are empty.
 */
export class WaitQueue {
  private slots: (VisitorRecord | undefined)[] = [];
  private tree: number[] = [0];
  private readonly slotOf = new Map<string, number>();
  private headSlot = 0;

  constructor(readonly pool: string) {}

  get length(): number {
    return this.slotOf.size;
  }

  has(visitor: string): boolean {
    return this.slotOf.has(visitor);
  }

  head(): VisitorRecord | undefined {
    return this.slots[this.headSlot];
  }

  /** Appends the visitor; returns its 1-based position (the queue's new length). */
  push(record: VisitorRecord): number {
    if (this.slots.length + 1 >= this.tree.length) this.rebuild(Math.max(16, this.slots.length * 2));
    const slot = this.slots.length;
    this.slots.push(record);
    this.slotOf.set(record.visitor, slot);
    this.add(slot, 1);
    return this.slotOf.size;
  }

  /** Removes the visitor (wherever it stands); returns its position before, or 0 when it was not queued. */
  remove(visitor: string): number {
    const slot = this.slotOf.get(visitor);
    if (slot === undefined) return 0;
    const position = this.prefix(slot);
    this.slotOf.delete(visitor);
    this.slots[slot] = undefined;
    this.add(slot, -1);
    while (this.headSlot < this.slots.length && this.slots[this.headSlot] === undefined) this.headSlot++;
    if (this.headSlot > 64 && this.headSlot * 2 > this.slots.length) this.rebuild(this.tree.length - 1);
    return position;
  }

  /** 1-based position of the visitor, or 0 when not queued. */
  position(visitor: string): number {
    const slot = this.slotOf.get(visitor);
    return slot === undefined ? 0 : this.prefix(slot);
  }

  /** The queued visitors from position `from` (1-based) on, in order. */
  *from(from: number): Generator<VisitorRecord> {
    let seen = 0;
    for (let i = this.headSlot; i < this.slots.length; i++) {
      const r = this.slots[i];
      if (r && ++seen >= from) yield r;
    }
  }

  private rebuild(capacity: number): void {
    const live = this.slots.filter((r): r is VisitorRecord => r !== undefined);
    this.slots = live;
    this.headSlot = 0;
    const tree = new Array<number>(Math.max(capacity, live.length + 1) + 1).fill(0);
    live.forEach((r, i) => {
      this.slotOf.set(r.visitor, i);
      tree[i + 1] = 1;
    });
    // Fenwick tree built in one linear pass: each node hands its sum to its parent.
    for (let i = 1; i < tree.length; i++) {
      const parent = i + (i & -i);
      if (parent < tree.length) tree[parent] += tree[i];
    }
    this.tree = tree;
  }

  private add(slot: number, delta: number): void {
    for (let i = slot + 1; i < this.tree.length; i += i & -i) this.tree[i] += delta;
  }

  /** Occupied slots up to and including `slot`. */
  private prefix(slot: number): number {
    let sum = 0;
    for (let i = slot + 1; i > 0; i -= i & -i) sum += this.tree[i];
    return sum;
  }
}
