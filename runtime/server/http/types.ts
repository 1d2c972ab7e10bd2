import type { ApiErrorReason } from '../../../shared/api/operation.ts';

/**
 * The HTTP vocabulary of the runtime, free of uws: the transport turns a uws request into a `Req` (copied at
 * once, body read with a size limit) and writes a `Res` back. Handlers and tests only ever see these.
 */
export interface Req {
  /** Upper case: GET, POST, … */
  method: string;
  /** The path without the query string, percent-decoding left to the handler. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  /** Path parameters of the matched route (`/api/streams/{id}` → `{ id }`). */
  params: Record<string, string>;
  body: Buffer;
  ip: string;
}

export interface Res {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /**
   * A body written as it is produced (instead of `body`): each chunk is written once the client has taken the
   * one before (backpressure), and a client that goes away stops the iteration (`return()`), so a producer that
   * reads a store page by page reads no further. Sent chunked, without Content-Length.
   */
  stream?: AsyncIterable<string | Uint8Array>;
}

export type Handler = (req: Req) => Res | Promise<Res>;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: Method;
  /** OpenAPI-style template: `/api/streams/{id}/versions/{version}`. */
  path: string;
  handler: Handler;
  /** Largest accepted request body in bytes (413 past it); default 1 MiB. */
  maxBody?: number;
  /** Reachable without a session (sign-in): the only routes whose body is read before the caller is known. */
  public?: boolean;
}

/** A failure a handler reports to the client: JSON `{"error":{"code","message"}}` with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra?: Record<string, unknown>,
    /** Response headers that go with the error (`Retry-After` of a 429 or 503). */
    readonly headers?: Record<string, string>,
    /** The field at fault and a finer reason, inside `error` (shared/api/operation.ts, `errorSchema`). */
    readonly detail?: { field?: string; reason?: ApiErrorReason },
  ) {
    super(message);
  }
}

export function json(status: number, value: unknown, headers?: Record<string, string>): Res {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function errorRes(err: HttpError): Res {
  return json(
    err.status,
    { error: { code: err.code, message: err.message, ...err.detail }, ...err.extra },
    err.headers,
  );
}
