/**
 * What the visitor and agent endpoints see of a WebSocket (DESIGN.md convention 3): the transport implements it
 * over uws, with corking, backpressure and the close-code table applied below this line.
 */
export interface Socket {
  /** Sends one text frame; a no-op once the socket is closed. A client that stops reading is closed by the transport. */
  send(text: string): void;
  close(code: number, reason?: string): void;
  readonly isOpen: boolean;
}

export interface UpgradeInfo {
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string>>;
  ip: string;
}

/** One connection's handler, made by the endpoint once the upgrade is accepted. */
export interface Session {
  open(socket: Socket): void;
  message(text: string): void;
  close(code: number): void;
}

export type Acceptance = { ok: true; session: Session } | { ok: false; code: number; reason: string };

export interface Endpoint {
  /** Decides on an upgrade (authentication, version); a refusal still upgrades, then closes with `code`. */
  accept(info: UpgradeInfo): Promise<Acceptance> | Acceptance;
}
