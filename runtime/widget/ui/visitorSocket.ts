import type { VisitorClientMessage, VisitorServerMessage } from '../../../shared/protocol/visitor.ts';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';

export type SocketState = 'connecting' | 'open' | 'retrying' | 'failed';

/** Close codes after which a reconnect can help (docs/protocol.md): going away, abnormal, server error, slow reader, late hello, too many sockets from this address. */
const RETRY_CODES = new Set<number>([
  CLOSE.goingAway,
  CLOSE.noStatus,
  CLOSE.abnormal,
  CLOSE.serverError,
  CLOSE.slowConsumer,
  CLOSE.helloTimeout,
  CLOSE.tooManySockets,
]);
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/**
 * The widget's WebSocket to /ws/visitor: sends `hello()` on every (re)connect, hands each parsed server message to
 * `onMessage`, and reconnects with exponential backoff and jitter (0.5 s doubling to 30 s) after a network drop,
 * at once when the browser comes back online or the tab becomes visible. Messages sent while disconnected are
 * dropped here: the caller keeps what must survive (its outbox) and resends it after the next `welcome`.
 */
export class VisitorSocket {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly hello: () => VisitorClientMessage,
    private readonly onMessage: (msg: VisitorServerMessage) => void,
    private readonly onState: (state: SocketState) => void,
  ) {
    addEventListener('online', this.now);
    document.addEventListener('visibilitychange', this.now);
  }

  connect(): void {
    clearTimeout(this.timer);
    if (this.stopped || (this.ws && this.ws.readyState <= WebSocket.OPEN)) return;
    this.onState(this.attempt === 0 ? 'connecting' : 'retrying');
    const ws = (this.ws = new WebSocket(this.url));
    ws.onopen = () => ws.send(JSON.stringify(this.hello()));
    ws.onmessage = (e) => {
      let msg: VisitorServerMessage;
      try {
        msg = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (msg && typeof msg === 'object' && typeof msg.type === 'string') {
        if (msg.type === 'welcome') {
          this.attempt = 0;
          this.onState('open');
        }
        this.onMessage(msg);
      }
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      if (this.stopped) return;
      if (!RETRY_CODES.has(e.code)) {
        this.onState('failed');
        return;
      }
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt++);
      this.onState('retrying');
      this.timer = setTimeout(() => this.connect(), delay * (0.5 + Math.random() / 2));
    };
  }

  /** Sends when connected; answers whether it did. */
  send(msg: VisitorClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    removeEventListener('online', this.now);
    document.removeEventListener('visibilitychange', this.now);
    this.ws?.close(CLOSE.normal);
  }

  /** Reconnects without waiting out the backoff (network back, tab visible again). */
  private readonly now = () => {
    if (!this.stopped && !this.ws && document.visibilityState !== 'hidden') {
      this.attempt = Math.min(this.attempt, 1);
      this.connect();
    }
  };
}
