import type { Card } from '../stream/model.ts';
import { CardOrder } from './cardOrder.ts';
import { compareDiagnostics, sameDiagnostics } from './compareDiagnostics.ts';
import type { Diagnostic } from './diagnostic.ts';

const NONE: readonly Diagnostic[] = [];

/**
 * The linter's findings by id, and the sorted result made from them: stream-level findings and those of edges that
 * leave no card first, then each card's in the order of `stream.cards`. An incremental lint changes a few entries
 * and re-assembles the result only when one of them changed.
 */
export class DiagnosticTable {
  /** Card-local findings per id (a card, or the missing source of edges). */
  private readonly local = new Map<string, readonly Diagnostic[]>();
  /** Local and graph-wide findings per id, merged and sorted; only non-empty lists. */
  private readonly groups = new Map<string, readonly Diagnostic[]>();
  private top: readonly Diagnostic[] = NONE;
  /** Ids with findings that are no card (edges leaving a missing card). */
  private readonly orphans = new Set<string>();
  private readonly order = new CardOrder();
  /** Cards that got findings in this update, placed in `order` when the result is made. */
  private readonly pending = new Set<string>();
  private result: Diagnostic[] = [];
  private stale = true;

  clear(): void {
    this.local.clear();
    this.groups.clear();
    this.orphans.clear();
    this.pending.clear();
    this.top = NONE;
    this.stale = true;
  }

  /** Records the card-local findings of `id`; returns whether they changed. */
  setLocal(id: string, list: readonly Diagnostic[]): boolean {
    const prev = this.local.get(id) ?? NONE;
    if (sameDiagnostics(prev, list)) return false;
    if (list.length === 0) this.local.delete(id);
    else this.local.set(id, list);
    return true;
  }

  /**
   * Merges the local findings of `id` with its graph-wide ones (`global`; a card's, empty for a missing card) and
   * files them. `isCard` says whether `id` is a card now. With `bulk` (a full lint) the card order is left for
   * `sortCards`.
   */
  merge(id: string, global: readonly Diagnostic[], isCard: boolean, bulk = false): void {
    const local = this.local.get(id) ?? NONE;
    const merged =
      global.length === 0 ? local : local.length === 0 ? global : [...local, ...global].sort(compareDiagnostics);
    if (!sameDiagnostics(merged, this.groups.get(id) ?? NONE)) {
      if (merged.length === 0) this.groups.delete(id);
      else this.groups.set(id, merged);
      this.stale = true;
    }
    const filed = merged.length > 0;
    if (filed && !isCard) this.orphans.add(id);
    else this.orphans.delete(id);
    if (bulk) return;
    if (filed && isCard) {
      if (!this.order.has(id)) this.pending.add(id);
    } else {
      this.pending.delete(id);
      if (this.order.has(id)) {
        this.order.remove(id);
        this.stale = true;
      }
    }
  }

  /** After a bulk load: the cards with findings, in stream order. */
  sortCards(cards: readonly Card[], isCard: (id: string) => boolean): void {
    this.order.reset(cards, (id) => this.groups.has(id) && isCard(id));
    this.stale = true;
  }

  setTop(list: readonly Diagnostic[]): void {
    if (sameDiagnostics(list, this.top)) return;
    this.top = list;
    this.stale = true;
  }

  /**
   * The sorted result for `cards` (a fresh array; its diagnostics are shared, treat them as read-only). Checks that
   * no card with findings moved (the result's order follows `cards`) and places the new ones.
   */
  sorted(cards: readonly Card[]): Diagnostic[] {
    if (!this.order.verify(cards)) this.stale = true;
    if (this.pending.size > 0) {
      for (const id of this.pending) this.order.add(cards, id);
      this.pending.clear();
      this.stale = true;
    }
    if (this.stale) {
      this.stale = false;
      const head: Diagnostic[] = [...this.top];
      for (const id of this.orphans) head.push(...this.groups.get(id)!);
      if (head.length > 1) head.sort(compareDiagnostics);
      for (const id of this.order.list) head.push(...this.groups.get(id)!);
      this.result = head;
    }
    return this.result.slice();
  }
}
