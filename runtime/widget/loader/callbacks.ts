import type { CallbackEvent } from '../../../shared/protocol/visitor.ts';
import type { CallbackDetail } from '../kernel.ts';
import type { VisitorStore } from './visitorStore.ts';

export type Listener = (detail: CallbackDetail) => void;

/**
 * The page callback events (Dynamic Chat's callback API in spirit): each is dispatched as a `tributary:<name>`
 * CustomEvent on window and passed to the functions registered with `Tributary.on(name, fn)`.
 * Each fires once per conversation (a reload or a second tab does not repeat it; `triggered`, which happens
 * before a conversation exists, fires once per page view), in the order it happened.
 * A listener that throws is reported and does not stop the others or the widget.
 */
export function callbacks(store: VisitorStore) {
  const listeners = new Map<string, Set<Listener>>();
  const firedHere = new Set<string>();
  return {
    on(name: string, fn: Listener): () => void {
      if (typeof fn !== 'function') return () => {};
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(fn);
      return () => set.delete(fn);
    },
    off(name: string, fn: Listener) {
      listeners.get(name)?.delete(fn);
    },
    /** Dispatches `name` unless it already fired for this conversation; answers whether it did. */
    emit(name: CallbackEvent | 'ready', detail: CallbackDetail): boolean {
      const scope = detail.conversationId;
      if (scope ? !store.firstFiring(scope, name) : firedHere.has(name)) return false;
      firedHere.add(name);
      const frozen = Object.freeze({ ...detail });
      window.dispatchEvent(new CustomEvent(`tributary:${name}`, { detail: frozen }));
      for (const fn of [...(listeners.get(name) ?? [])]) {
        try {
          fn(frozen);
        } catch (err) {
          console.error('Tributary: a callback listener failed', err);
        }
      }
      return true;
    },
  };
}

export type Callbacks = ReturnType<typeof callbacks>;
