import type { CollabPeers, PeerHandlers } from '../collab/peers.ts';
import type { EventBus } from './eventBus.ts';

type Relayed = { k: 'u'; id: number; b: string } | { k: 'a'; b: string };

/**
 * Co-editing across nodes, the y-redis way: an update is stored first, then relayed; Redis only moves it. Each
 * node listens on the channel of every stream it has open (and only those), forwards what other nodes relay to
 * its own editors, and catches up from the store after a gap. Awareness (cursors, selections, who is here)
 * crosses nodes the same way but is never stored.
 */
export class CollabRelay implements CollabPeers {
  private readonly open = new Map<string, () => void>();
  private readonly offResume: () => void;

  constructor(
    private readonly bus: EventBus,
    private readonly handlers: PeerHandlers,
  ) {
    this.offResume = bus.onResume(() => {
      for (const streamId of this.open.keys()) handlers.resume(streamId);
    });
  }

  /** A room for `streamId` opened on this node: listen to the other nodes' updates for it. */
  opened(streamId: string): void {
    if (this.open.has(streamId)) return;
    const off = this.bus.subscribe(channel(streamId), (body, from) => {
      const msg = body as Relayed;
      const bytes = new Uint8Array(Buffer.from(msg.b, 'base64'));
      if (msg.k === 'u') this.handlers.update(streamId, bytes, msg.id);
      else this.handlers.awareness(streamId, bytes, from);
    });
    this.open.set(streamId, off);
  }

  /** The last editor of `streamId` on this node left. */
  closed(streamId: string): void {
    this.open.get(streamId)?.();
    this.open.delete(streamId);
  }

  /** Resolves once the rooms opened so far hear the other nodes. */
  ready(): Promise<void> {
    return this.bus.ready();
  }

  /** An update from this node's editor, once it is stored as row `id`. */
  update(streamId: string, id: number, update: Uint8Array): void {
    this.bus.publish(channel(streamId), { k: 'u', id, b: Buffer.from(update).toString('base64') } satisfies Relayed);
  }

  /** An awareness frame from this node's editor. */
  awareness(streamId: string, frame: Uint8Array): void {
    this.bus.publish(channel(streamId), { k: 'a', b: Buffer.from(frame).toString('base64') } satisfies Relayed);
  }

  stop(): void {
    this.offResume();
    for (const off of this.open.values()) off();
    this.open.clear();
  }
}

function channel(streamId: string): string {
  return `collab:${streamId}`;
}
