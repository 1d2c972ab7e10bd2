import type { Socket } from '../live/socket.ts';
import type { Confirmations } from './confirmations.ts';
import type { AwarenessEntry } from './protocol.ts';

/** One co-editing socket: who is on it, and what it announced. */
export interface CollabClient {
  readonly socket: Socket;
  readonly streamId: string;
  readonly userId: string;
  readonly name: string;
  /** The sign-in session it was opened with (see CollabUser.session). */
  readonly session?: string;
  closed: boolean;
  /** Awareness client ids this socket announced, with the last clock seen (to announce their removal). */
  readonly awareness: Map<number, number>;
  /** Its stored updates not yet confirmed back to it (created on its first update). */
  confirm?: Confirmations;
}

/** One person editing a stream (several tabs of the same user count once). */
export interface Editor {
  userId: string;
  name: string;
}

/**
 * What the relay holds for a stream while someone has it open, and only then: the sockets and the latest awareness
 * state of each client (for late joiners and awareness queries). No document state: that lives in the store.
 */
export class Room {
  readonly clients = new Set<CollabClient>();
  readonly awareness = new Map<number, AwarenessEntry>();

  constructor(readonly streamId: string) {}

  /** Sends `frame` to every socket of the room except `except`'s (the transport writes each socket once a turn). */
  publish(frame: Uint8Array, except?: CollabClient): void {
    for (const c of this.clients) if (c !== except) c.socket.send(frame);
  }

  editors(): Editor[] {
    const byId = new Map<string, Editor>();
    for (const c of this.clients) if (!byId.has(c.userId)) byId.set(c.userId, { userId: c.userId, name: c.name });
    return [...byId.values()];
  }
}
