import type { LeadChange } from '../store/leads.ts';
import type { Store } from '../store/store.ts';

/** The conversation facts a lead is filed under. */
export interface LeadSubject {
  id: string;
  streamId: string;
}

/**
 * What conversations captured and achieved in one turn, written in that turn's transaction (the one that stores
 * the steps): one `leads.record` per turn, one row change per conversation however many attributes and goals it
 * got. Turns without a capture or a goal write nothing.
 */
export class LeadLog {
  private pending = new Map<string, LeadChange>();
  private names: { streamId: string; name: string }[] = [];
  /** Attribute names this process has written for a stream already (`streamId\0name`). */
  private known = new Set<string>();

  constructor(
    private readonly store: Pick<Store, 'leads'>,
    /** Queues a write in this turn's unit of work (the hub's `write`). */
    private readonly write: (fn: () => void) => void,
  ) {}

  captured(c: LeadSubject, attribute: string, value: string): void {
    const change = this.change(c);
    change.captures[attribute] = value;
    if (attribute === 'email') change.email = value.trim().toLowerCase();
    const key = `${c.streamId}\u0000${attribute}`;
    if (!this.known.has(key)) (this.known.add(key), this.names.push({ streamId: c.streamId, name: attribute }));
  }

  goal(c: LeadSubject, name: string, score: number | undefined): void {
    const change = this.change(c);
    change.goal = name;
    change.score += score ?? 0;
  }

  /** Drops what was not written yet (a failed commit: the steps were not stored either). */
  forget(): void {
    this.pending.clear();
    this.names = [];
    this.known.clear();
  }

  private change(c: LeadSubject): LeadChange {
    let change = this.pending.get(c.id);
    if (change) return change;
    if (this.pending.size === 0 && this.names.length === 0)
      this.write(() => {
        const changes = [...this.pending.values()];
        const names = this.names;
        this.pending.clear();
        this.names = [];
        void this.store.leads.record(changes, names);
      });
    change = { conversationId: c.id, streamId: c.streamId, captures: {}, score: 0 };
    this.pending.set(c.id, change);
    return change;
  }
}
