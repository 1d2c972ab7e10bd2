import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';

/** What `newId('v')` makes. */
const VISITOR_ID = /^v_[A-Za-z0-9_-]{12}$/;
/** Characters of the base64url HMAC kept in a credential: 192 bits. */
const MAC_CHARS = 32;
const META_KEY = 'visitorKey';

/**
 * The visitor credential of protocol version 2 (docs/protocol.md): `<visitorId>.<mac>`, where the mac is an HMAC of
 * the visitor id under a key only the servers know. Only a server can issue one, so a client cannot choose or guess
 * whose conversations it resumes; a visitor id on its own (agents see it, webhooks carry it) opens nothing.
 * Stateless on purpose: issuing one stores nothing, so page views that never engage never grow the database.
 * The widget keeps it in the host page's localStorage and sends it only in message bodies, never in a URL.
 */
export interface VisitorCredentials {
  /** A credential for `visitorId` (a new visitor when none is given). */
  issue(visitorId?: string): { visitorId: string; token: string };
  /** The visitor a credential was issued to; undefined for anything this workspace's servers did not issue. */
  verify(token: string | undefined): string | undefined;
}

export function visitorCredentials(key: Buffer): VisitorCredentials {
  const mac = (visitorId: string) =>
    createHmac('sha256', key).update(visitorId).digest('base64url').slice(0, MAC_CHARS);
  return {
    issue(visitorId = newId('v')) {
      return { visitorId, token: `${visitorId}.${mac(visitorId)}` };
    },
    verify(token) {
      if (typeof token !== 'string' || token.length > 100) return undefined;
      const dot = token.indexOf('.');
      const visitorId = token.slice(0, dot);
      if (dot < 0 || !VISITOR_ID.test(visitorId)) return undefined;
      const given = Buffer.from(token.slice(dot + 1));
      const expected = Buffer.from(mac(visitorId));
      return given.length === expected.length && timingSafeEqual(given, expected) ? visitorId : undefined;
    },
  };
}

/**
 * The workspace's credential key, made once under the store-wide lock (every node of a cluster reads the same one,
 * so a credential issued by one node is good on all of them) and kept in `meta`.
 */
export async function loadVisitorCredentials(store: Store): Promise<VisitorCredentials> {
  const read = () => store.meta.read<string | null>(META_KEY, null);
  await store.exclusively('visitor-key', async () => {
    if (await read()) return;
    await store.commit.atomically(() => void store.meta.write(META_KEY, randomBytes(32).toString('base64url')));
  });
  const key = await read();
  if (!key) throw new Error('the visitor credential key could not be stored');
  return visitorCredentials(Buffer.from(key, 'base64url'));
}
