import type { VisitorRecord } from '../../../shared/routing/types.ts';
import type { EpochSource } from '../cluster/epochs.ts';
import type { JournalEntry, RoutingJournal } from '../cluster/routingJournal.ts';

/**
 * Routing's durable side in the store (docs/scale-out.md), in the same database as the conversations: the input
 * journal (the `routing_log` every routing event is written to), the epochs of the routing lease (fencing tokens
 * that only grow), and the routing state the owner writes under its epoch (the open requests' records with their
 * offers' deadlines, the last input applied, the engagements used). A step's decisions are stored by the live
 * layer with their why, in the same transaction as the step (`decisions`), so the journal does not store them
 * again.
 */
export interface RoutingStore extends RoutingJournal, EpochSource {}

/** Thrown inside a routing commit whose epoch was superseded: the whole transaction rolls back. */
export class SupersededEpoch extends Error {
  constructor(
    readonly epoch: number,
    readonly current: number,
  ) {
    super(`routing epoch ${epoch} was superseded by ${current}`);
  }
}

/** The lease whose epochs fence the routing state (one workspace per store). */
export const ROUTING_LEASE = 'routing';

export const toJournalEntry = (r: { id: number; at: number; event: string }): JournalEntry => ({
  id: Number(r.id),
  at: Number(r.at),
  event: JSON.parse(r.event),
});

export const toRecords = (rows: { record: string }[]): VisitorRecord[] => rows.map((r) => JSON.parse(r.record));

/** A routing commit's promise: false (nothing written) when the epoch was superseded. */
export function fenced(p: Promise<unknown>): Promise<boolean> {
  return p.then(
    () => true,
    (err) => {
      if (err instanceof SupersededEpoch) return false;
      throw err;
    },
  );
}
