import type { WebSocket } from 'uws';
import type { Confirmations } from './confirmations.ts';
import type { AwarenessEntry } from './protocol.ts';

/** Who is on a socket, and what the socket announced (kept in uWS's per-socket user data). */
export interface CollabConn {
  streamId: string;
  userId: string;
  name: string;
  /** The sign-in session it was opened with (see CollabUser.session). */
  session?: string;
  /** Set when the upgrade was refused: `open` closes the socket with this code at once. */
  reject: { code: number; reason: string } | null;
  closed: boolean;
  /** Awareness client ids this socket announced, with the last clock seen (to announce their removal). */
  awareness: Map<number, number>;
  /** Its stored updates not yet confirmed back to it (created on its first update). */
  confirm?: Confirmations;
}

export type CollabSocket = WebSocket<CollabConn>;

/** One person editing a stream (several tabs of the same user count once). */
export interface Editor {
  userId: string;
  name: string;
}

/**
 * What the relay holds for a stream while someone has it open, and only then: the sockets, the uWS topic that
 * fans updates out in native code, the latest awareness state of each client (for late joiners and awareness
 * queries). No document state: that lives in the store.
 */
export class Room {
  readonly topic: string;
  readonly conns = new Set<CollabSocket>();
  readonly awareness = new Map<number, AwarenessEntry>();

  constructor(readonly streamId: string) {
    this.topic = `collab/${streamId}`;
  }

  /** Sends `frame` to every socket of the room except `except` (through the topic: one native call). */
  publish(frame: Uint8Array, except?: CollabSocket): void {
    const via = except && !except.getUserData().closed ? except : this.anyOpen();
    if (!via) return;
    via.publish(this.topic, frame, true, false);
    // publish skips the socket it goes through: when that is not the one to leave out, send it there too.
    if (via !== except) via.send(frame, true, false);
  }

  editors(): Editor[] {
    const byId = new Map<string, Editor>();
    for (const ws of this.conns) {
      const c = ws.getUserData();
      if (!byId.has(c.userId)) byId.set(c.userId, { userId: c.userId, name: c.name });
    }
    return [...byId.values()];
  }

  private anyOpen(): CollabSocket | undefined {
    for (const ws of this.conns) if (!ws.getUserData().closed) return ws;
    return undefined;
  }
}
