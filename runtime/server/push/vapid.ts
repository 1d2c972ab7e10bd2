import webpush from 'web-push';
import type { Store } from '../store/store.ts';

/** The application server's key pair (VAPID, RFC 8292), base64url: the public key is what browsers subscribe with. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const KEY = 'vapid';

/**
 * The workspace's VAPID keys, generated the first time they are asked for and kept in the store (`meta`), so that
 * every node and every restart signs with the same pair: a new pair would orphan every subscription the browsers
 * hold. Generated under the store-wide lock, so nodes starting together agree on one pair.
 */
export async function vapidKeys(store: Pick<Store, 'meta' | 'exclusively'>): Promise<VapidKeys> {
  const kept = await store.meta.read<VapidKeys | null>(KEY, null);
  if (kept) return kept;
  return store.exclusively(KEY, async () => {
    const again = await store.meta.read<VapidKeys | null>(KEY, null);
    if (again) return again;
    const keys = webpush.generateVAPIDKeys();
    await store.meta.write(KEY, keys);
    return keys;
  });
}
