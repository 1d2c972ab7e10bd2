import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/** Whether this user has something to undo or redo (their own edits only). */
export function useUndoState(um: Y.UndoManager): { canUndo: boolean; canRedo: boolean } {
  const subscribe = (fn: () => void) => {
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
    events.forEach((e) => um.on(e, fn));
    return () => events.forEach((e) => um.off(e, fn));
  };
  const canUndo = useSyncExternalStore(subscribe, () => um.canUndo());
  const canRedo = useSyncExternalStore(subscribe, () => um.canRedo());
  return { canUndo, canRedo };
}
