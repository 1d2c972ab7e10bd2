import type { Appearance } from '../../../shared/widget/appearance.ts';

/**
 * What the browser keeps between page views, in localStorage under `tributary:<workspace>` (the conversation
 * itself lives on the server): the visitor credential the server issued and the conversation id, the appearance the conversation started with, whether the panel was open, the dialogues this
 * visitor completed (so a completed dialogue is not shown again even before the server is asked), the callback
 * events already fired for the current conversation, and when the current visit to the site began.
 * Storage can be unavailable (privacy modes, blocked cookies): the widget then works for the page view only.
 */
export interface VisitorStore {
  /** The credential the server issued (protocol version 2): sent in `hello` and the resolve call, never in a URL. */
  visitorToken(): string | undefined;
  setVisitorToken(token: string): void;
  conversationId(): string | undefined;
  /** No conversation (undefined) also forgets its appearance. */
  setConversation(id: string | undefined): void;
  /** The appearance the current conversation started with: it keeps it on every page until it ends. */
  look(): Appearance | undefined;
  setLook(look: Appearance): void;
  /** Whether the panel was open when the visitor left the last page (true unless they closed it). */
  wasOpen(): boolean;
  setOpen(open: boolean): void;
  isCompleted(dialogueId: string): boolean;
  markCompleted(dialogueId: string): void;
  /** True the first time `name` is seen for `conversationId`; later calls answer false. */
  firstFiring(conversationId: string, name: string): boolean;
  /** Milliseconds since this visit to the site began (a visit ends after 30 idle minutes). */
  msOnSite(now: number): number;
}

interface Saved {
  token?: string;
  conversation?: string;
  look?: Appearance;
  open?: boolean;
  completed?: string[];
  fired?: { c: string; n: string[] };
  visitStart?: number;
  lastSeen?: number;
}

const VISIT_GAP_MS = 30 * 60_000;
const MAX_COMPLETED = 50;

export function visitorStore(workspace: string, now: number): VisitorStore {
  const key = `tributary:${workspace}`;
  let mem: Saved = read(key);
  const save = (patch: Partial<Saved>) => {
    mem = { ...read(key), ...patch };
    try {
      localStorage.setItem(key, JSON.stringify(mem));
    } catch {
      // storage full or blocked: keep the in-memory copy
    }
  };

  if (!mem.visitStart || !mem.lastSeen || now - mem.lastSeen > VISIT_GAP_MS) save({ visitStart: now, lastSeen: now });
  else save({ lastSeen: now });

  return {
    visitorToken: () => mem.token,
    setVisitorToken: (token) => save({ token }),
    conversationId: () => mem.conversation,
    setConversation: (conversation) =>
      save({
        conversation,
        fired: conversation === mem.fired?.c ? mem.fired : undefined,
        look: conversation ? mem.look : undefined,
      }),
    look: () => mem.look,
    setLook: (look) => save({ look }),
    wasOpen: () => mem.open !== false,
    setOpen: (open) => save({ open }),
    isCompleted: (id) => (mem.completed ?? []).includes(id),
    markCompleted: (id) =>
      save({ completed: [...(mem.completed ?? []).filter((c) => c !== id), id].slice(-MAX_COMPLETED) }),
    firstFiring(c, n) {
      const fired = mem.fired?.c === c ? mem.fired.n : [];
      if (fired.includes(n)) return false;
      save({ fired: { c, n: [...fired, n] } });
      return true;
    },
    msOnSite: (t) => t - (mem.visitStart ?? t),
  };
}

function read(key: string): Saved {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
    return v && typeof v === 'object' ? fromVersion1(v as Saved) : {};
  } catch {
    return {};
  }
}

/**
 * Migration of what a widget of visitor protocol version 1 kept: its `visitor` id was chosen by the client side and
 * is no longer believed by the server (docs/protocol.md), so it is dropped; the server issues a credential instead.
 * The rest (conversation, completed dialogues, the visit) stays.
 */
export function fromVersion1(saved: Saved & { visitor?: unknown }): Saved {
  if (!('visitor' in saved)) return saved;
  const { visitor: _, ...rest } = saved;
  return rest;
}
