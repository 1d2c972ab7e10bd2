import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { ApiError, onUnauthorized } from '../../../web/api/client.ts';
import type { User } from '../api/types.ts';
import { unsubscribePush } from '../notify/webPush.ts';

export type Session =
  { state: 'loading' } | { state: 'signedOut'; expired?: boolean; error?: string } | { state: 'signedIn'; me: User };

/** Who is signed in: asks /api/me on load and after sign-in; any 401 later returns to the sign-in form. */
export function useSession() {
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const refresh = useCallback(async () => {
    try {
      setSession({ state: 'signedIn', me: await api.me() });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setSession({ state: 'signedOut' });
      else setSession({ state: 'signedOut', error: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthorized(() => {
      setSession((s) => (s.state === 'signedIn' ? { state: 'signedOut', expired: true } : s));
    });
  }, [refresh]);

  const signOut = useCallback(async () => {
    // While still signed in: the runtime forgets this browser's push subscription (the sign-out would too).
    await unsubscribePush();
    await api.signOut().catch(() => {});
    setSession({ state: 'signedOut' });
  }, []);

  const setMe = useCallback((me: User) => setSession({ state: 'signedIn', me }), []);

  return { session, refresh, signOut, setMe };
}
