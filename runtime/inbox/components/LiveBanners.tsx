import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { LiveConnection } from '../live/LiveConnection.ts';
import type { LiveState } from '../live/types.ts';
import { unlockAudio } from '../notify/beep.ts';
import { notificationPermission, requestNotificationPermission } from '../notify/browserNotify.ts';
import { registerServiceWorker, subscribePush } from '../notify/webPush.ts';
import { NotificationBanner, type PermissionState } from './NotificationBanner.tsx';
import { Notices } from './Notices.tsx';
import { OfferBanner } from './OfferBanner.tsx';
import { useNow } from './useNow.ts';

const DISMISS_KEY = 'tributary.notify.dismissed';

/** The strip under the top bar: connection state, the ask for notifications, accept banners and short notes. */
export function LiveBanners({
  live,
  conn,
  onAccept,
  offerFocus,
}: {
  live: LiveState;
  conn: LiveConnection;
  onAccept(id: string): void;
  offerFocus?: { id: string; n: number };
}) {
  const { t, lang } = useI18n();
  const [permission, setPermission] = useState<PermissionState>(() => notificationPermission());
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(DISMISS_KEY) === '1');
  const now = useNow(250, live.offers.length > 0);

  // The permission can change outside the page (site settings); look again when the agent comes back to the tab.
  useEffect(() => {
    const check = () => setPermission(notificationPermission());
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    document.addEventListener('pointerdown', unlockAudio, { once: true });
    return () => {
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
    };
  }, []);

  // Allowed notifications also reach this browser when no inbox tab is open (Web Push): subscribed from Enable, and
  // again on every load (which keeps the runtime's copy current). The worker opens the inbox from a click either way.
  useEffect(() => {
    if (permission === 'granted') void subscribePush(lang);
    else void registerServiceWorker();
  }, [permission, lang]);

  const enable = async () => {
    unlockAudio();
    setPermission(await requestNotificationPermission());
  };
  const dismiss = () => {
    sessionStorage.setItem(DISMISS_KEY, '1');
    setDismissed(true);
  };

  return (
    <div className="live-banners">
      {live.connection === 'reconnecting' ? (
        <div className="conn-bar conn-reconnecting" role="status" data-tributary="connection" data-state="reconnecting">
          {t('reconnecting')}
        </div>
      ) : live.connection === 'closed' ? (
        <div className="conn-bar conn-closed" role="alert" data-tributary="connection" data-state="closed">
          {t('connectionClosed')}
        </div>
      ) : null}
      {!dismissed || permission === 'granted' ? (
        <NotificationBanner permission={permission} onEnable={enable} onDismiss={dismiss} />
      ) : null}
      {live.offers.map((offer) => (
        <OfferBanner
          key={offer.id}
          offer={offer}
          now={now}
          onAccept={() => onAccept(offer.id)}
          onDecline={() => conn.decline(offer.id)}
          focusToken={offerFocus?.id === offer.id ? offerFocus.n : undefined}
        />
      ))}
      <Notices notices={live.notices} onDismiss={(id) => conn.dispatch({ type: 'dismissNotice', id })} />
    </div>
  );
}
