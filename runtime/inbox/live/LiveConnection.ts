import type { LiveEvent } from './events.ts';
import { liveReducer } from './reducer.ts';
import { initialLiveState, type Availability, type LiveState } from './types.ts';
import { decodeServerMessage, encode, type ClientCommand } from './wire.ts';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';

export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

const OPEN = 1;
const TYPING_TTL_MS = 5000;
/**
 * Close codes after which retrying cannot help (signed out, no permission, unknown endpoint, repeated bad
 * messages, a protocol version the server does not speak); anything else reconnects (docs/protocol.md).
 */
const FATAL_CLOSE = new Set<number>([
  CLOSE.unauthorized,
  CLOSE.forbidden,
  CLOSE.notFound,
  CLOSE.protocolError,
  CLOSE.sessionEnded,
  CLOSE.accessRevoked,
  CLOSE.foreignOrigin,
  CLOSE.badVersion,
]);

/**
 * The agent's WebSocket: a store for React (subscribe/getState) that reconnects with backoff after a drop and,
 * once the server's hello arrives, re-sends the messages that were never acknowledged (same clientId, so the
 * server can recognise a repeat).
 */
export class LiveConnection {
  private state: LiveState = initialLiveState;
  private listeners = new Set<() => void>();
  private eventListeners = new Set<(ev: LiveEvent, state: LiveState) => void>();
  private socket: SocketLike | undefined;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly url: string,
    private readonly factory: SocketFactory = (u) => new WebSocket(u) as unknown as SocketLike,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
    this.socket?.close(CLOSE.normal, 'signed out');
    this.socket = undefined;
  }

  getState = (): LiveState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** For side effects that need the event itself (sound, notifications), not just the new state. */
  onEvent(fn: (ev: LiveEvent, state: LiveState) => void): () => void {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  dispatch = (ev: LiveEvent): void => {
    const next = liveReducer(this.state, ev);
    if (next !== this.state) {
      this.state = next;
      for (const fn of this.listeners) fn();
    }
    for (const fn of this.eventListeners) fn(ev, this.state);
  };

  setStatus(status: Availability): void {
    this.dispatch({ type: 'status', status });
    this.command({ type: 'status', status });
  }

  accept(id: string): void {
    this.command({ type: 'accept', conversationId: id });
  }

  decline(id: string): void {
    this.dispatch({ type: 'decided', id });
    this.command({ type: 'decline', conversationId: id });
  }

  sendMessage(chatId: string, text: string): void {
    const clientId = newClientId();
    this.dispatch({ type: 'send', chatId, clientId, text, at: Date.now() });
    this.command({ type: 'message', conversationId: chatId, id: clientId, text });
  }

  /** An internal note: acknowledged like a message, shown to agents only. */
  sendNote(chatId: string, text: string): void {
    const clientId = newClientId();
    this.dispatch({ type: 'send', chatId, clientId, text, at: Date.now(), note: true });
    this.command({ type: 'note', conversationId: chatId, id: clientId, text });
  }

  typing(chatId: string, typing: boolean): void {
    this.command({ type: 'typing', conversationId: chatId, on: typing });
  }

  markRead(chatId: string, upTo: number): void {
    this.command({ type: 'read', conversationId: chatId, upTo });
  }

  end(chatId: string): void {
    this.command({ type: 'end', conversationId: chatId });
  }

  /** Hands a held chat to a colleague or a team; a refusal comes back as an error notice. */
  transfer(chatId: string, to: { agentId: string } | { teamId: string }, note?: string): void {
    this.command({ type: 'transfer', conversationId: chatId, to, ...(note?.trim() ? { note: note.trim() } : {}) });
  }

  /** Sends when the socket is open; otherwise the command is dropped and the state after reconnect decides. */
  private command(cmd: ClientCommand): boolean {
    if (!this.socket || this.socket.readyState !== OPEN || !this.state.ready) return false;
    this.socket.send(encode(cmd));
    return true;
  }

  private open(): void {
    if (this.stopped) return;
    this.dispatch({ type: 'connection', state: this.attempt === 0 ? 'connecting' : 'reconnecting' });
    let socket: SocketLike;
    try {
      socket = this.factory(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (msg) => {
      if (socket !== this.socket || typeof msg.data !== 'string') return;
      for (const ev of decodeServerMessage(msg.data, Date.now())) {
        this.dispatch(ev);
        if (ev.type === 'hello') this.afterHello();
        if (ev.type === 'typing') this.expireTyping(ev.chatId, ev.typing);
      }
    };
    socket.onclose = (ev) => {
      if (socket !== this.socket) return;
      this.socket = undefined;
      if (this.stopped) return;
      if (FATAL_CLOSE.has(ev.code)) {
        this.dispatch({ type: 'connection', state: 'closed' });
        return;
      }
      this.scheduleRetry();
    };
    socket.onerror = () => {
      // onclose follows and decides about retrying
    };
  }

  /** The visitor's typing indicator clears itself after 5 s without news (a lost `on: false` never sticks). */
  private expireTyping(chatId: string, on: boolean): void {
    clearTimeout(this.typingTimers.get(chatId));
    this.typingTimers.delete(chatId);
    if (on)
      this.typingTimers.set(
        chatId,
        setTimeout(() => this.dispatch({ type: 'typing', chatId, typing: false }), TYPING_TTL_MS),
      );
  }

  private afterHello(): void {
    this.attempt = 0;
    for (const chat of this.state.chats) {
      if (chat.ended) continue;
      for (const m of chat.messages) {
        if (m.delivery === 'sending' && m.clientId)
          this.command({ type: m.note ? 'note' : 'message', conversationId: chat.id, id: m.clientId, text: m.text });
      }
    }
  }

  private scheduleRetry(): void {
    this.attempt += 1;
    this.dispatch({ type: 'connection', state: 'reconnecting' });
    // 0.5 s, 1 s, 2 s … capped at 10 s, with jitter so that a restarted server is not hit by every agent at once.
    const base = Math.min(10_000, 500 * 2 ** (this.attempt - 1));
    this.retryTimer = setTimeout(() => this.open(), base / 2 + Math.random() * (base / 2));
  }
}

function newClientId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `c${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}
