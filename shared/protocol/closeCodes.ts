/**
 * Every WebSocket close code of the product, in one table (DESIGN.md convention 3): the server closes with these
 * names, and every client (widget, inbox, editor, tests) decides by name whether to reconnect. 4000–4999 are ours;
 * docs/protocol.md lists them.
 */
export const CLOSE = {
  /** Normal close (RFC 6455). */
  normal: 1000,
  /** The server is shutting down; reconnect later. */
  goingAway: 1001,
  /** uWS refused a frame type it does not accept (RFC 6455 "unsupported data"). */
  unsupportedData: 1003,
  /** Seen by clients only: the socket closed without a close frame carrying a code (RFC 6455). */
  noStatus: 1005,
  /** Seen by clients only: the connection dropped without a close frame (RFC 6455 "abnormal closure"). */
  abnormal: 1006,
  /** uWS refused a text frame that is not UTF-8 (RFC 6455 "invalid frame payload data"). */
  invalidPayload: 1007,
  /** A frame larger than the endpoint allows (RFC 6455 "message too big"). */
  tooBig: 1009,
  /** An unexpected server fault (e.g. the store could not be read); reconnect with backoff (RFC 6455). */
  serverError: 1011,
  /** No valid session token or cookie. Do not reconnect without signing in. */
  unauthorized: 4001,
  /** Signed in, but the role does not allow this endpoint (e.g. a non-marketer on /collab). */
  forbidden: 4003,
  /** The stream, conversation or workspace named in the URL does not exist. */
  notFound: 4004,
  /** The client sent something the protocol does not allow, repeatedly or unrecoverably. */
  protocolError: 4400,
  /** The session was signed out or the user removed. */
  sessionEnded: 4401,
  /**
   * A role or permission this socket needed was taken away (live chat on /ws/agent, the marketer role on /collab).
   * Reconnecting is refused with `forbidden` until it is given back.
   */
  accessRevoked: 4402,
  /** A cookie-authenticated upgrade from another site's page (its `Origin` is not this server's). */
  foreignOrigin: 4403,
  /** The client stopped reading: its send buffer passed the limit. */
  slowConsumer: 4408,
  /** A co-editing client declared an older Y.Doc layout than the draft's (`?layout=`): reload the editor. */
  layoutOutdated: 4409,
  /** No `hello` arrived within the allowed time after the socket opened. */
  helloTimeout: 4410,
  /** The client's `hello` named a protocol version this server does not speak. Update the client. */
  badVersion: 4426,
  /** Too many open sockets from this client address (docs/security.md); reconnect later, with backoff. */
  tooManySockets: 4429,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];
