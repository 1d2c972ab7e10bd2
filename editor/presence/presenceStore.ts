import { useSyncExternalStore } from 'react';
import type { Position } from '../../shared/stream/model.ts';

/** A colleague in the same stream, as their awareness state describes them. */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  /** Pointer in flow coordinates, when it is over the canvas. */
  cursor?: Position;
  /** Cards they have selected. */
  selection: string[];
  /** Cards they are dragging right now, with where they are. */
  drag?: Record<string, Position>;
}

const NOBODY: Peer[] = [];

/**
 * The other people in the stream (not this tab), served per card for the "who has it selected" rings, and as a list
 * for the avatars and cursors. Fed from the awareness protocol by `bindAwareness`.
 */
export class PresenceStore {
  private peers: Peer[] = [];
  private bySelected = new Map<string, Peer[]>();
  private listeners = new Set<() => void>();
  /** Told only when who-has-what-selected changes: every card listens here, not to each pointer move. */
  private selectionListeners = new Set<() => void>();

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  subscribeSelection = (fn: () => void): (() => void) => {
    this.selectionListeners.add(fn);
    return () => this.selectionListeners.delete(fn);
  };

  all = (): Peer[] => this.peers;

  selectedBy(cardId: string): Peer[] {
    return this.bySelected.get(cardId) ?? NOBODY;
  }

  set(peers: Peer[]): void {
    const next = new Map<string, Peer[]>();
    for (const p of peers) for (const id of p.selection) next.set(id, [...(next.get(id) ?? []), p]);
    // Keep the same array for a card whose selectors did not change, so its view does not re-render.
    let selectionChanged = next.size !== this.bySelected.size;
    for (const [id, list] of next) {
      const prev = this.bySelected.get(id);
      if (
        prev &&
        prev.length === list.length &&
        prev.every((p, i) => p.clientId === list[i].clientId && p.color === list[i].color && p.name === list[i].name)
      ) {
        next.set(id, prev);
      } else {
        selectionChanged = true;
      }
    }
    this.peers = peers;
    this.bySelected = next;
    for (const fn of this.listeners) fn();
    // Colleagues' pointers and drags change awareness many times a second; the cards hear only selection changes.
    if (selectionChanged) for (const fn of this.selectionListeners) fn();
  }
}

export function useSelectedBy(store: PresenceStore, cardId: string): Peer[] {
  return useSyncExternalStore(store.subscribeSelection, () => store.selectedBy(cardId));
}

export function usePeers(store: PresenceStore): Peer[] {
  return useSyncExternalStore(store.subscribe, store.all);
}
