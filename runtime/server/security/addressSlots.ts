/**
 * Open sockets per client address (SPEC §8.8: visitor sockets, default 1,000 per address). Counted per node: the
 * resource it protects is this process's file descriptors and memory, which other nodes do not share.
 */
export class AddressSlots {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Takes a slot for `address`; false when it already holds `max`. */
  acquire(address: string): boolean {
    const n = this.open.get(address) ?? 0;
    if (n >= this.max) return false;
    this.open.set(address, n + 1);
    return true;
  }

  release(address: string): void {
    const n = (this.open.get(address) ?? 1) - 1;
    if (n > 0) this.open.set(address, n);
    else this.open.delete(address);
  }

  of(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
