import type { Drafts } from './drafts.ts';
import { encodeFrame } from './encode.ts';
import { parseClientMessage } from './protocol.ts';
import type { Room } from './room.ts';

/**
 * The other nodes editing the same streams (runtime/server/cluster/collabRelay.ts over Redis; absent on one node).
 * An update is relayed once it is stored, awareness as it comes; a node hears a stream only while it has it open.
 */
export interface CollabPeers {
  /** This node opened a room for `streamId`: hear the other nodes about it. */
  opened(streamId: string): void;
  /** This node's last editor of `streamId` left. */
  closed(streamId: string): void;
  /** Resolves once the rooms opened so far hear the other nodes (a sync reply read after it misses nothing). */
  ready(): Promise<void>;
  /** An update this node stored as log row `id`. */
  update(streamId: string, id: number, update: Uint8Array): void;
  /** An awareness frame from this node's editor (or this node's notice that an editor left). */
  awareness(streamId: string, frame: Uint8Array): void;
  /**
   * Runs `work` on the stream's draft (a compaction, a layout migration) while no other node does work on it:
   * with `wait`, after the other node's work is done; without, not at all when another node is at it (resolves
   * undefined). The lock is short-lived and only saves doubled work: the draft's writes stay safe without it.
   */
  alone<T>(streamId: string, wait: boolean, work: () => Promise<T>): Promise<T | undefined>;
}

/** What a node does with what the other nodes relay for a stream it has open. */
export interface PeerHandlers {
  /** An update another node stored: send it to this node's editors of the stream. */
  update(streamId: string, update: Uint8Array, id: number): void;
  /** An awareness frame from another node's editor: remember it for late joiners and send it on. */
  awareness(streamId: string, frame: Uint8Array, node: string): void;
  /** Updates may have been missed (Redis was away): send the stored draft again (a Yjs update sent twice is
   * harmless, and the stored draft holds everything any node acknowledged). */
  resume(streamId: string): void;
}

/** The handlers over this node's rooms. */
export function peerHandlers(
  rooms: ReadonlyMap<string, Room>,
  drafts: Drafts,
  onError: (err: unknown, where: string) => void,
): PeerHandlers {
  return {
    update(streamId, update) {
      rooms.get(streamId)?.publish(encodeFrame.update(update));
    },
    awareness(streamId, frame) {
      const room = rooms.get(streamId);
      if (!room) return;
      try {
        const message = parseClientMessage(frame);
        if (message.kind !== 'awareness') return;
        for (const e of message.entries) {
          if (e.state === 'null') room.awareness.delete(e.clientId);
          else room.awareness.set(e.clientId, e);
        }
      } catch (err) {
        return onError(err, `collab awareness relayed for ${streamId}`);
      }
      room.publish(frame);
    },
    resume(streamId) {
      drafts
        .load(streamId)
        .then((state) => {
          if (state) rooms.get(streamId)?.publish(encodeFrame.update(state));
        })
        .catch((err) => onError(err, `collab catch-up of ${streamId}`));
    },
  };
}
