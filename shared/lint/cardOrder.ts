import type { Card } from '../stream/model.ts';
import { PositionIndex } from './positionIndex.ts';

/**
 * The ids of the cards that have diagnostics, in the order of `stream.cards`, kept up to date edit by edit so that
 * the result of an incremental lint is assembled without sorting or walking every card. Each id remembers its
 * position; `verify` checks them all (an array read and a pointer comparison each) and repairs them when cards
 * moved.
 */
export class CardOrder {
  private ids: string[] = [];
  private pos: number[] = [];
  private readonly members = new Set<string>();
  private readonly at = new PositionIndex();

  get list(): readonly string[] {
    return this.ids;
  }

  has(id: string): boolean {
    return this.members.has(id);
  }

  /** From scratch: the cards of `cards` for which `keep(id)`, in order. */
  reset(cards: readonly Card[], keep: (id: string) => boolean): void {
    this.ids = [];
    this.pos = [];
    this.members.clear();
    for (let i = 0; i < cards.length; i++) {
      const id = cards[i].id;
      if (!keep(id)) continue;
      this.ids.push(id);
      this.pos.push(i);
      this.members.add(id);
    }
    this.at.invalidate();
  }

  /** True when every remembered position still holds; otherwise recomputes them (dropping absent ids), false. */
  verify(cards: readonly Card[]): boolean {
    for (let i = 0; i < this.ids.length; i++) {
      if (cards[this.pos[i]]?.id !== this.ids[i]) {
        this.reposition(cards);
        return false;
      }
    }
    return true;
  }

  /** Adds a card (present in `cards`) at its place; call after `verify`. */
  add(cards: readonly Card[], id: string): void {
    if (this.members.has(id)) return;
    const p = this.at.indexOf(cards, id);
    if (p < 0) return;
    let lo = 0;
    let hi = this.pos.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pos[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    this.ids.splice(lo, 0, id);
    this.pos.splice(lo, 0, p);
    this.members.add(id);
  }

  remove(id: string): void {
    if (!this.members.delete(id)) return;
    const i = this.ids.indexOf(id);
    this.ids.splice(i, 1);
    this.pos.splice(i, 1);
  }

  private reposition(cards: readonly Card[]): void {
    this.at.rebuild(cards);
    const entries = this.ids
      .map((id) => ({ id, p: this.at.get(id) }))
      .filter((e) => e.p >= 0)
      .sort((a, b) => a.p - b.p);
    this.ids = entries.map((e) => e.id);
    this.pos = entries.map((e) => e.p);
    this.members.clear();
    for (const id of this.ids) this.members.add(id);
  }
}
