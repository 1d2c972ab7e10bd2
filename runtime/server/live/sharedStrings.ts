/** Distinct strings kept; past it the table starts afresh (later copies are then merely not shared with earlier). */
const MAX = 10_000;

/**
 * One copy of the strings that many open conversations hold alike (dialogue and stream ids, dialogue names):
 * each one read from a frame or a row is a string of its own, ~30 bytes per conversation each.
 */
export class SharedStrings {
  private readonly map = new Map<string, string>();

  of(s: string): string {
    const kept = this.map.get(s);
    if (kept !== undefined) return kept;
    if (this.map.size >= MAX) this.map.clear();
    this.map.set(s, s);
    return s;
  }
}
