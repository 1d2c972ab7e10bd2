import { useLayoutEffect, useReducer } from 'preact/hooks';
import type { AgentCard } from '../../../shared/protocol/common.ts';
import { EMPTY, type Conversation } from './conversation.ts';
import type { SocketState } from './visitorSocket.ts';

/** Everything the panel renders from. */
export interface View {
  open: boolean;
  socket: SocketState | 'idle' | 'closed';
  conv: Conversation;
  /** The bot is "typing" the next queued entry. */
  botTyping: boolean;
  /** The agent who is typing, or null. */
  agentTyping: AgentCard | null;
  /** A capture reply the widget refused before sending (same rules and words as the server's re-prompt). */
  note: { cardId: string; text: string } | null;
  /** A "talk to a person" request is on its way. */
  asking?: boolean;
  /** The transcript asked for by email: on its way, an email to ask for, sent (to `to`), or refused (`error`). */
  mail?: { state: 'sending' | 'ask' | 'sent'; to?: string; error?: string };
}

export const INITIAL_VIEW: View = {
  open: false,
  socket: 'idle',
  conv: EMPTY,
  botTyping: false,
  agentTyping: null,
  note: null,
};

export interface ViewStore {
  get(): View;
  set(patch: Partial<View>): void;
  subscribe(fn: () => void): () => void;
}

/** A tiny observable value: the controller writes it, the Preact tree reads it through `useView`. */
export function viewStore(initial: View = INITIAL_VIEW): ViewStore {
  let value = initial;
  const subs = new Set<() => void>();
  return {
    get: () => value,
    set(patch) {
      value = { ...value, ...patch };
      subs.forEach((fn) => fn());
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

/**
 * Reads the view and re-renders on every change. It subscribes in a layout effect and then compares with what it
 * rendered, so that a change between the first render and the subscription (a resumed conversation's snapshot can
 * arrive that fast) is not lost.
 */
export function useView(store: ViewStore): View {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const rendered = store.get();
  useLayoutEffect(() => {
    const off = store.subscribe(() => bump(0));
    if (store.get() !== rendered) bump(0);
    return off;
  }, [store]);
  return rendered;
}
