/**
 * Every WebSocket close code the runtime uses, in one table (DESIGN.md convention 3). 4000–4999 are ours.
 * docs/protocol.md lists them; clients decide from the code whether to reconnect.
 */
export const CLOSE = {
  /** Normal close (RFC 6455). */
  normal: 1000,
  /** The server is shutting down; reconnect later. */
  goingAway: 1001,
  /** A frame larger than the endpoint allows (RFC 6455 "message too big"). */
  tooBig: 1009,
  /** The server failed (e.g. the store could not be read); reconnecting later may work (RFC 6455). */
  internalError: 1011,
  /** No valid session token or cookie. Do not reconnect without signing in. */
  unauthorized: 4001,
  /** Signed in, but the role does not allow this endpoint (e.g. a non-marketer on /collab). */
  forbidden: 4003,
  /** The stream, conversation or workspace named in the URL does not exist. */
  notFound: 4004,
  /** The client sent something the protocol does not allow, repeatedly or unrecoverably. */
  protocolError: 4400,
  /** The client stopped reading: its send buffer passed the limit. */
  slowConsumer: 4408,
  /** The session was signed out or the user removed. */
  sessionEnded: 4401,
  /** The client's `hello` named a protocol version this server does not speak. Update the client. */
  badVersion: 4426,
  /** No `hello` arrived within the allowed time after the socket opened. */
  helloTimeout: 4410,
  /** An unexpected server fault; reconnect with backoff. */
  serverError: 1011,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];
