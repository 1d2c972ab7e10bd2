import type uWS from 'uws';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import type { Acceptance, Endpoint, Frame, Session, Socket, UpgradeInfo } from '../live/socket.ts';

export interface WsOptions {
  /** Largest frame accepted; a larger one closes the socket with CLOSE.tooBig (1009). */
  maxPayloadLength: number;
  /** Send buffer past which a client counts as not reading and is closed with CLOSE.slowConsumer. */
  maxBuffered: number;
  idleTimeoutSec?: number;
  onOpen?(): void;
  onClose?(): void;
  onMessage?(): void;
  onError(err: unknown): void;
  /** The client's address from the peer's and `X-Forwarded-For` (only believed from trusted proxies). */
  clientAddress?(peer: string, forwardedFor: string | undefined): string;
}

/** Text frames are decoded without a Buffer made for each (bytes that are not UTF-8 read as U+FFFD, a BOM is kept: as `Buffer.toString` did). */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Frames past this are cut off by uws itself (1006). */
const HARD_FRAME_LIMIT = 1024 * 1024;

interface Data {
  /** Until the socket opens: a refusal is carried out then, an accepted session moves to `socket`. */
  acceptance?: Acceptance<Frame>;
  /** Once open and accepted. */
  socket?: UwsSocket;
}

/** Every open socket of the app, so that shutdown can close them all with `goingAway`. */
export class SocketRegistry {
  readonly open = new Set<uWS.WebSocket<unknown>>();
  closeAll(code: number, reason: string): void {
    for (const ws of [...this.open]) {
      try {
        ws.end(code, reason);
      } catch {
        // already closed
      }
    }
  }
}

/**
 * Mounts an endpoint at `pattern`. The upgrade is decided asynchronously (request data copied first, abort
 * handled, upgrade corked); a refused upgrade still completes and is then closed with the endpoint's close code,
 * because a browser cannot read an HTTP error on a WebSocket handshake.
 */
export function mountWs<F extends Frame>(
  app: uWS.TemplatedApp,
  pattern: string,
  endpoint: Endpoint<F>,
  registry: SocketRegistry,
  opts: WsOptions,
): void {
  const binary = endpoint.frames === 'binary';
  const maxPayloadLength = Math.max(opts.maxPayloadLength, HARD_FRAME_LIMIT);
  app.ws<Data>(pattern, {
    // uws cuts a frame past its limit without a close code (1006); up to the hard limit we read the frame and
    // close with 1009 ourselves, so that clients learn why.
    maxPayloadLength,
    // uws drops a send past maxBackpressure (and a dropped frame never comes back); we close the client first, at
    // maxBuffered, checked after each flush: the limit leaves room for the largest frames of one flush on top.
    maxBackpressure: Math.max(opts.maxBuffered * 4, opts.maxBuffered + 2 * maxPayloadLength),
    idleTimeout: opts.idleTimeoutSec ?? 120,
    sendPingsAutomatically: true,
    upgrade(res, req, context) {
      const headers: Record<string, string> = {};
      req.forEach((k, v) => (headers[k] = v));
      const info: UpgradeInfo = {
        path: req.getUrl(),
        query: new URLSearchParams(req.getQuery() ?? ''),
        headers,
        ip: '',
      };
      const peer = Buffer.from(res.getRemoteAddressAsText()).toString();
      info.ip = opts.clientAddress ? opts.clientAddress(peer, headers['x-forwarded-for']) : peer;
      let aborted = false;
      res.onAborted(() => (aborted = true));
      Promise.resolve()
        .then(() => endpoint.accept(info))
        .catch((err): Acceptance => {
          opts.onError(err);
          return { ok: false, code: CLOSE.serverError, reason: 'server error' };
        })
        .then((acceptance) => {
          if (aborted) return;
          res.cork(() =>
            res.upgrade<Data>(
              { acceptance: acceptance as Acceptance<Frame> },
              headers['sec-websocket-key'] ?? '',
              headers['sec-websocket-protocol'] ?? '',
              headers['sec-websocket-extensions'] ?? '',
              context,
            ),
          );
        });
    },
    open(ws) {
      const data = ws.getUserData();
      const a = data.acceptance!;
      // Not kept per socket: the session is the socket's from now on.
      data.acceptance = undefined;
      if (!a.ok) {
        ws.end(a.code, a.reason);
        return;
      }
      registry.open.add(ws as uWS.WebSocket<unknown>);
      opts.onOpen?.();
      const socket = (data.socket = new UwsSocket(ws, opts.maxBuffered, a.session));
      guard(opts, () => a.session.open(socket));
    },
    message(ws, message, isBinary) {
      const socket = ws.getUserData().socket;
      if (!socket) return;
      if (message.byteLength > opts.maxPayloadLength) {
        ws.end(CLOSE.tooBig, 'frame too large');
        return;
      }
      if (isBinary !== binary) {
        ws.end(
          CLOSE.protocolError,
          binary ? 'text frames are not part of the protocol' : 'binary frames are not allowed',
        );
        return;
      }
      opts.onMessage?.();
      // uws reuses the frame's memory once this callback returns: a binary session gets a copy of its own.
      const frame = binary ? new Uint8Array(message.slice(0)) : utf8.decode(message);
      // Inline rather than `guard`: no closure per frame.
      try {
        socket.session.message(frame);
      } catch (err) {
        opts.onError(err);
      }
    },
    close(ws, code) {
      const data = ws.getUserData();
      if (!registry.open.delete(ws as uWS.WebSocket<unknown>)) return;
      opts.onClose?.();
      const socket = data.socket;
      if (!socket) return;
      socket.isOpen = false;
      guard(opts, () => socket.session.close(code));
    },
  });
}

/** A handler bug must never take the socket loop down (DESIGN.md convention 6). */
function guard(opts: WsOptions, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    opts.onError(err);
  }
}

/**
 * Sends are queued and written once per turn in one cork per socket: a visitor step sends an ack and a few entries,
 * and one write syscall for all of them costs about what one frame does. One microtask flushes every socket that
 * has something queued (a microtask per socket costs an async-hooks scope each, ~10% of a step).
 */
const pending: UwsSocket[] = [];
const NO_FRAMES: Frame[] = [];
let flushQueued = false;

function flushPending(): void {
  flushQueued = false;
  // Sockets queued while flushing (a close handler sending) are flushed in this same loop.
  for (let i = 0; i < pending.length; i++) pending[i].flush();
  pending.length = 0;
}

/** The socket and frames `sendCorked` writes: set just before each cork, so that no closure is made per flush. */
let corked: uWS.WebSocket<Data>;
let corkedFrames: Frame[];
let corkedDropped = false;

function sendCorked(): void {
  for (let i = 0; i < corkedFrames.length; i++) {
    const frame = corkedFrames[i];
    if (corked.send(frame, typeof frame !== 'string') === 2) corkedDropped = true;
  }
}

class UwsSocket implements Socket {
  isOpen = true;
  /** Frames of this turn; none between turns (an empty array per idle socket is 32 bytes). */
  private queue: Frame[] | undefined = undefined;
  /** Bytes (text: UTF-16 units, near enough) queued since the last flush. */
  private queuedBytes = 0;
  private queued = false;

  constructor(
    private readonly ws: uWS.WebSocket<Data>,
    private readonly maxBuffered: number,
    readonly session: Session<Frame>,
  ) {}

  get bufferedAmount(): number {
    return this.isOpen ? this.queuedBytes + this.ws.getBufferedAmount() : 0;
  }

  send(frame: Frame): void {
    if (!this.isOpen) return;
    (this.queue ??= []).push(frame);
    this.queuedBytes += typeof frame === 'string' ? frame.length : frame.byteLength;
    if (this.queued) return;
    this.queued = true;
    pending.push(this);
    if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flushPending);
    }
  }

  flush(): void {
    this.queued = false;
    const queue = this.queue;
    if (!queue) return;
    this.queue = undefined;
    this.queuedBytes = 0;
    if (!this.isOpen) return;
    const ws = this.ws;
    corked = ws;
    corkedFrames = queue;
    corkedDropped = false;
    ws.cork(sendCorked);
    const dropped = corkedDropped;
    corkedFrames = NO_FRAMES;
    if (dropped || ws.getBufferedAmount() > this.maxBuffered) this.close(CLOSE.slowConsumer, 'not reading');
  }

  close(code: number, reason = ''): void {
    if (!this.isOpen) return;
    // What was queued before the close still goes out first.
    if (this.queue) this.flush();
    if (!this.isOpen) return;
    this.isOpen = false;
    this.ws.end(code, reason);
  }
}
