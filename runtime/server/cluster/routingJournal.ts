import type { Decision, RoutingEvent, VisitorRecord } from '../../../shared/routing/types.ts';
import type { EpochSource } from './epochs.ts';

/** One routing input, as any node appended it. */
export interface JournalEntry {
  id: number;
  /** When it was appended (ms). */
  at: number;
  event: RoutingEvent;
}

/** The durable routing state a new owner starts from. */
export interface RoutingSnapshot {
  /** Records of the requests still open (offered or connected), with their offers' deadlines. */
  records: VisitorRecord[];
  /** The last input the previous owners applied: inputs after it are still to be applied. */
  applied: number;
  /** Connected engagements so far (the select plan's trial counts them). */
  engagements: number;
}

/** What one engine step changed, written at once and only under the current epoch. */
export interface RoutingChange {
  /** The input this step applied (unchanged for a timer's step). */
  applied: number;
  records: VisitorRecord[];
  decisions: Decision[];
  engagements: number;
}

/**
 * The durable side of routing (in production the store, in the same database as the conversations): the input
 * log every node appends to, and the state the owner writes. `commit` is the fence: it writes only when `epoch`
 * is still the newest epoch of the lease, in one transaction with the check, so that an owner that lost its
 * lease without noticing changes nothing.
 */
export interface RoutingJournal {
  /** Appends an input; resolves with its id once it is durable. */
  append(event: RoutingEvent, at: number): Promise<number>;
  /** Inputs after `afterId`, oldest first. */
  since(afterId: number): Promise<JournalEntry[]>;
  snapshot(): Promise<RoutingSnapshot>;
  /** Writes `change` if `epoch` is current; resolves false (writing nothing) if a newer owner exists. */
  commit(epoch: number, change: RoutingChange): Promise<boolean>;
}

/**
 * The journal in memory: for one process, and for tests that run several owners in one process (they share
 * one journal and one epoch source, as nodes share a database).
 */
export class MemoryJournal implements RoutingJournal {
  readonly entries: JournalEntry[] = [];
  readonly decisions: Decision[] = [];
  private readonly records = new Map<string, VisitorRecord>();
  private applied = 0;
  private engagements = 0;

  constructor(
    private readonly epochs: EpochSource,
    private readonly lease: string,
  ) {}

  async append(event: RoutingEvent, at: number): Promise<number> {
    const id = this.entries.length + 1;
    this.entries.push({ id, at, event: structuredClone(event) });
    return id;
  }

  async since(afterId: number): Promise<JournalEntry[]> {
    return this.entries.slice(afterId).map((e) => structuredClone(e));
  }

  async snapshot(): Promise<RoutingSnapshot> {
    return {
      records: [...this.records.values()].map((r) => structuredClone(r)),
      applied: this.applied,
      engagements: this.engagements,
    };
  }

  async commit(epoch: number, change: RoutingChange): Promise<boolean> {
    if (epoch !== (await this.epochs.current(this.lease))) return false;
    // Nothing awaited from the check on: the write is atomic with it.
    for (const r of change.records) {
      if (r.phase === 'closed') this.records.delete(r.visitor);
      else this.records.set(r.visitor, structuredClone(r));
    }
    this.decisions.push(...change.decisions.map((d) => structuredClone(d)));
    this.applied = Math.max(this.applied, change.applied);
    this.engagements = change.engagements;
    return true;
  }
}
