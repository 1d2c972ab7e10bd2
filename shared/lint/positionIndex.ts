/**
 * Positions of items (cards, edges) in the stream's arrays by id, remembered between updates and checked on every
 * use: a stale position costs a scan, never a wrong answer. Lets the incremental linter find the few items that
 * changed without indexing the whole stream again.
 */
export class PositionIndex {
  private readonly at = new Map<string, number>();
  private stale = true;

  rebuild(items: readonly { id: string }[]): void {
    this.at.clear();
    for (let i = 0; i < items.length; i++) this.at.set(items[i].id, i);
    this.stale = false;
  }

  /** Forgets every position; the next `find` indexes the array again (a one-off full lint never pays for it). */
  invalidate(): void {
    this.stale = true;
  }

  /** The item with this id, or undefined when the array holds none. */
  find<T extends { id: string }>(items: readonly T[], id: string): T | undefined {
    if (this.stale) this.rebuild(items);
    const i = this.at.get(id);
    if (i !== undefined && items[i]?.id === id) return items[i];
    for (let j = items.length - 1; j >= 0; j--) {
      if (items[j].id === id) {
        this.at.set(id, j);
        return items[j];
      }
    }
    this.at.delete(id);
    return undefined;
  }

  /** The position of `id` in `items`, or -1 when absent. */
  indexOf(items: readonly { id: string }[], id: string): number {
    const item = this.find(items, id);
    return item === undefined ? -1 : this.at.get(id)!;
  }

  /** The position remembered by the last `rebuild`, or -1. */
  get(id: string): number {
    return this.at.get(id) ?? -1;
  }
}
