import type { CollabPeers, PeerHandlers } from '../collab/peers.ts';
import type { EventBus } from './eventBus.ts';
import { aloneLocks, type WorkLocks } from './workLocks.ts';

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
    private readonly locks: WorkLocks = aloneLocks,
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

  /** Work on a stream's draft under the lock `collab:STREAM` (see CollabPeers.alone). */
  async alone<T>(streamId: string, wait: boolean, work: () => Promise<T>): Promise<T | undefined> {
    const deadline = Date.now() + LOCK_TTL_MS;
    for (;;) {
      // Redis away: the work goes on without the lock (the draft's conditional writes keep it safe).
      const release = await this.locks.take(`collab:${streamId}`, LOCK_TTL_MS).catch(() => () => {});
      if (release) {
        try {
          return await work();
        } finally {
          release();
        }
      }
      if (!wait) return undefined;
      // The holder died or is slow: the lock expires by then, and the work is safe to do anyway.
      if (Date.now() > deadline) return work();
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }

  stop(): void {
    this.offResume();
    for (const off of this.open.values()) off();
    this.open.clear();
  }
}

/** Longer than a whole-draft merge of the largest draft takes; a holder that dies keeps the lock this long. */
const LOCK_TTL_MS = 10_000;
const LOCK_POLL_MS = 50;

function channel(streamId: string): string {
  return `collab:${streamId}`;
}
