/**
 * What the endpoints (visitor, agent, co-editing) see of a WebSocket (DESIGN.md convention 3): the transport
 * implements it over uws, with corking, backpressure and the close-code table applied below this line.
 */
export interface Socket {
  /**
   * Sends one frame: a string as a text frame, bytes as a binary frame (the bytes are sent later in the turn, so
   * they must not be changed afterwards). A no-op once the socket is closed. A client that stops reading (its send
   * buffer past the endpoint's limit) is closed by the transport with CLOSE.slowConsumer.
   */
  send(frame: string | Uint8Array): void;
  close(code: number, reason?: string): void;
  readonly isOpen: boolean;
  /** Bytes waiting to be sent to this client: queued in this turn plus what the network has not taken yet. */
  readonly bufferedAmount: number;
}

export interface UpgradeInfo {
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string>>;
  ip: string;
}

/** What a session receives: text frames as strings, binary frames as bytes of their own (the session may keep them). */
export type Frame = string | Uint8Array;

/** One connection's handler, made by the endpoint once the upgrade is accepted. */
export interface Session<F extends Frame = string> {
  open(socket: Socket): void;
  message(frame: F): void;
  close(code: number): void;
}

export type Acceptance<F extends Frame = string> =
  { ok: true; session: Session<F> } | { ok: false; code: number; reason: string };

export interface Endpoint<F extends Frame = string> {
  /**
   * The frames the endpoint speaks: `text` (the default; sessions get strings) or `binary` (sessions get bytes).
   * A frame of the other kind closes the socket with CLOSE.protocolError.
   */
  readonly frames?: F extends string ? 'text' : 'binary';
  /** Decides on an upgrade (authentication, version); a refusal still upgrades, then closes with `code`. */
  accept(info: UpgradeInfo): Promise<Acceptance<F>> | Acceptance<F>;
}
