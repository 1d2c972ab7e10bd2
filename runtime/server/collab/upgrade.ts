import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { LAYOUT_VERSION } from '../../../shared/stream/ydoc.ts';
import type { UpgradeInfo } from '../live/socket.ts';

/** What `authorize` gets from the upgrade request. */
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

/** Whom an accepted socket belongs to, or why it is refused. */
export type Admission = { ok: true; streamId: string; user: CollabUser } | { ok: false; code: number; reason: string };

/**
 * Decides on an upgrade. Every refusal still upgrades and the transport then closes the socket with a named code:
 * a browser sees nothing of a refused HTTP upgrade but a bare 1006, while a close code tells the editor whether
 * signing in again could help.
 */
export function createAdmission(
  authorize: Authorize,
  streamExists: (streamId: string) => boolean | Promise<boolean>,
  onError: (err: unknown, where: string) => void,
): (info: UpgradeInfo) => Promise<Admission> {
  return async (info) => {
    const request: CollabRequest = {
      url: info.path,
      query: info.query.toString(),
      cookie: info.headers.cookie ?? '',
      origin: info.headers.origin ?? '',
      host: info.headers.host ?? '',
    };
    const streamId = streamIdOf(request.url);
    try {
      const user = await authorize(request);
      if (user === null) return { ok: false, code: CLOSE.unauthorized, reason: 'sign in first' };
      if (user === 'foreign-origin')
        return { ok: false, code: CLOSE.foreignOrigin, reason: 'a signed-in socket must come from this site' };
      if (user === 'forbidden')
        return { ok: false, code: CLOSE.forbidden, reason: 'editing streams needs the marketer role' };
      if (streamId === null || !(await streamExists(streamId)))
        return { ok: false, code: CLOSE.notFound, reason: 'no such stream' };
      if (declaredLayout(request.query) < LAYOUT_VERSION)
        return { ok: false, code: CLOSE.layoutOutdated, reason: 'the editor is out of date: reload the page' };
      return { ok: true, streamId, user };
    } catch (err) {
      onError(err, 'collab upgrade');
      return { ok: false, code: CLOSE.serverError, reason: 'server error' };
    }
  };
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
