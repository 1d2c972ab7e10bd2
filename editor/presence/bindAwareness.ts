import type { Awareness } from 'y-protocols/awareness';
import { personColor } from '../../shared/brand.ts';
import type { Position } from '../../shared/stream/model.ts';
import type { DraftStore } from '../collab/draftStore.ts';
import type { Peer, PresenceStore } from './presenceStore.ts';

/** This tab's awareness fields (name and colour, pointer, selection, a drag in progress). */
export interface LocalPresence {
  user: { name: string; color: string };
  cursor?: Position | null;
  selection?: string[];
  drag?: Record<string, Position> | null;
}

/**
 * Feeds the presence store from the awareness protocol, and shows colleagues' drags live: a dragged card moves in
 * every tab through awareness (ephemeral), and its final position lands in the doc once, on drop.
 */
export function bindAwareness(
  awareness: Awareness,
  presence: PresenceStore,
  store: DraftStore,
  user: { name: string; color: string },
): () => void {
  awareness.setLocalStateField('user', user);
  const update = () => {
    const peers: Peer[] = [];
    const transient = new Map<string, Position>();
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID || !state || typeof state !== 'object') continue;
      const s = state as Partial<LocalPresence>;
      if (!s.user || typeof s.user.name !== 'string') continue;
      const peer: Peer = {
        clientId,
        name: s.user.name,
        color: typeof s.user.color === 'string' ? s.user.color : personColor(s.user.name),
        selection: Array.isArray(s.selection) ? s.selection.filter((x) => typeof x === 'string') : [],
      };
      if (isPos(s.cursor)) peer.cursor = s.cursor;
      if (s.drag && typeof s.drag === 'object') {
        peer.drag = {};
        for (const [id, p] of Object.entries(s.drag)) if (isPos(p)) ((peer.drag[id] = p), transient.set(id, p));
      }
      peers.push(peer);
    }
    presence.set(peers);
    store.setTransient(transient);
  };
  // This tab's own fields (its pointer, a drag in progress: many times a second) change nothing shown here.
  const onChange = (c: { added: number[]; updated: number[]; removed: number[] }) => {
    const mine = (id: number) => id === awareness.clientID;
    if (c.added.every(mine) && c.updated.every(mine) && c.removed.every(mine)) return;
    update();
  };
  awareness.on('change', onChange);
  update();
  return () => awareness.off('change', onChange);
}

function isPos(p: unknown): p is Position {
  return !!p && typeof p === 'object' && Number.isFinite((p as Position).x) && Number.isFinite((p as Position).y);
}
