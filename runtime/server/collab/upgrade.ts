import type { HttpRequest, HttpResponse, us_socket_context_t } from 'uws';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { LAYOUT_VERSION } from '../../../shared/stream/ydoc.ts';
import type { CollabConn } from './room.ts';

/** What `authorize` gets: copied out of the upgrade request (uWS request objects die at the first await). */
export interface CollabRequest {
  url: string;
  /** The query string without `?` (the provider's `params`, e.g. `token=…`). */
  query: string;
  cookie: string;
  /** `Origin` and `Host` of the handshake: a cookie from another site's page is refused. */
  origin: string;
  host: string;
}

export interface CollabUser {
  userId: string;
  name: string;
  /** The sign-in session the socket was opened with, so that signing out can close it. */
  session?: string;
}

export type Authorize = (req: CollabRequest) => Promise<CollabUser | null | 'forbidden' | 'foreign-origin'>;

/**
 * The behavior's `upgrade` handler. Every refusal still upgrades, and `open` then closes the socket with a named
 * code: a browser sees nothing of a refused HTTP upgrade but a bare 1006, while a close code tells the editor
 * whether signing in again could help.
 */
export function createUpgrade(
  authorize: Authorize,
  streamExists: (streamId: string) => boolean | Promise<boolean>,
  onError: (err: unknown, where: string) => void,
) {
  return (res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void => {
    const request: CollabRequest = {
      url: req.getUrl(),
      query: req.getQuery() ?? '',
      cookie: req.getHeader('cookie'),
      origin: req.getHeader('origin'),
      host: req.getHeader('host'),
    };
    const key = req.getHeader('sec-websocket-key');
    const protocol = req.getHeader('sec-websocket-protocol');
    const extensions = req.getHeader('sec-websocket-extensions');
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    void decide(request).then((conn) => {
      if (aborted) return;
      res.cork(() => res.upgrade<CollabConn>(conn, key, protocol, extensions, context));
    });
  };

  async function decide(request: CollabRequest): Promise<CollabConn> {
    const streamId = streamIdOf(request.url);
    const conn: CollabConn = {
      streamId: streamId ?? '',
      userId: '',
      name: '',
      reject: null,
      closed: false,
      awareness: new Map(),
    };
    try {
      const user = await authorize(request);
      if (user === null) conn.reject = { code: CLOSE.unauthorized, reason: 'sign in first' };
      else if (user === 'foreign-origin')
        conn.reject = { code: CLOSE.foreignOrigin, reason: 'a signed-in socket must come from this site' };
      else if (user === 'forbidden')
        conn.reject = { code: CLOSE.forbidden, reason: 'editing streams needs the marketer role' };
      else if (streamId === null || !(await streamExists(streamId)))
        conn.reject = { code: CLOSE.notFound, reason: 'no such stream' };
      else if (declaredLayout(request.query) < LAYOUT_VERSION)
        conn.reject = { code: CLOSE.layoutOutdated, reason: 'the editor is out of date: reload the page' };
      else {
        conn.userId = user.userId;
        conn.name = user.name;
        conn.session = user.session;
      }
    } catch (err) {
      onError(err, 'collab upgrade');
      conn.reject = { code: CLOSE.serverError, reason: 'server error' };
    }
    return conn;
  }
}

/**
 * The Y.Doc layout a client says it reads (`?layout=N`, optional: the stock provider sends none and is taken to read
 * the current one). Opening a draft migrates it to the current layout, so an older client would misread it.
 */
export function declaredLayout(query: string): number {
  const value = new URLSearchParams(query).get('layout');
  const n = value === null ? NaN : Number(value);
  return Number.isInteger(n) ? n : LAYOUT_VERSION;
}

/** The stream id is the last path segment (`/collab/{streamId}`), URL-decoded; null when there is none. */
export function streamIdOf(url: string): string | null {
  const segment = url.slice(url.lastIndexOf('/') + 1);
  if (segment === '') return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
