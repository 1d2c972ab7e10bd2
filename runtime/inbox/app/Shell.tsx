import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { AdminPage } from '../admin/AdminPage.tsx';
import { LiveBanners } from '../components/LiveBanners.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLiveConnection, useLiveState } from '../live/useLive.ts';
import { useLiveAlerts } from '../notify/useLiveAlerts.ts';
import { useNotificationTargets } from '../notify/useNotificationTargets.ts';
import { ConversationsPage } from '../pages/ConversationsPage.tsx';
import { InboxPage } from '../pages/InboxPage.tsx';
import { ProfilePage } from '../pages/ProfilePage.tsx';
import { MissedPage } from '../routing/MissedPage.tsx';
import { QueuePage } from '../routing/QueuePage.tsx';
import { SchedulesPage } from '../routing/SchedulesPage.tsx';
import { canLiveChat } from './permissions.ts';
import { navigate, usePath } from './router.ts';
import { CannedRepliesPage } from '../canned/CannedRepliesPage.tsx';
import { TopBar } from './TopBar.tsx';

/**
 * Everything after sign-in. The agent connection lives here, above the pages, so that moving to Conversations or
 * the admin console keeps the chats, the offers and their banner.
 */
export function Shell({ me, onSignOut, onMeChanged }: { me: User; onSignOut(): void; onMeChanged(u: User): void }) {
  const { t } = useI18n();
  const path = usePath();
  const agent = canLiveChat(me);
  const conn = useLiveConnection(agent);
  const live = useLiveState(conn);
  const [offerFocus, setOfferFocus] = useState<{ id: string; n: number } | undefined>();

  const focusOffer = useCallback((id: string) => setOfferFocus((f) => ({ id, n: (f?.n ?? 0) + 1 })), []);
  const focusChat = useCallback(
    (id: string) => {
      navigate('/');
      conn?.dispatch({ type: 'select', chatId: id });
    },
    [conn],
  );
  useLiveAlerts(conn, t, focusOffer, focusChat);
  useNotificationTargets(live, focusOffer, focusChat);

  // The socket was closed for good: ask who we are again. A 401 brings the sign-in form back (useSession listens
  // for it); a lost live-chat permission hides the inbox; otherwise the strip says to reload.
  useEffect(() => {
    if (live.connection === 'closed') api.me().then(onMeChanged, () => {});
  }, [live.connection, onMeChanged]);

  const accept = useCallback(
    (id: string) => {
      conn?.accept(id);
      navigate('/');
    },
    [conn],
  );

  let page;
  if (path === '/' || path === '') page = <InboxPage me={me} conn={conn} live={live} />;
  else if (path.startsWith('/conversations')) page = <ConversationsPage me={me} path={path} />;
  else if (path === '/missed') page = <MissedPage me={me} missedCount={live.missedCount} />;
  else if (path === '/queue') page = <QueuePage />;
  else if (path === '/schedules') page = <SchedulesPage me={me} />;
  else if (path === '/replies') page = <CannedRepliesPage me={me} />;
  else if (path === '/profile') page = <ProfilePage me={me} onChanged={onMeChanged} />;
  else if (path.startsWith('/admin')) page = <AdminPage me={me} path={path} />;
  else page = <InboxPage me={me} conn={conn} live={live} />;

  return (
    <div className="shell">
      <TopBar me={me} live={agent ? live : undefined} onStatus={(s) => conn?.setStatus(s)} onSignOut={onSignOut} />
      {agent && conn ? <LiveBanners live={live} conn={conn} onAccept={accept} offerFocus={offerFocus} /> : null}
      <div className="page">{page}</div>
    </div>
  );
}
