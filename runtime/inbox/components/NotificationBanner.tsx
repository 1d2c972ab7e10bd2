import { useT } from '../i18n/I18nProvider.tsx';

export type PermissionState = 'default' | 'granted' | 'denied' | 'unsupported';

/**
 * The banner at the top of the inbox that asks the agent to enable browser notifications, as the reference
 * product does on sign-in. Hidden once they are granted (or dismissed for this session).
 */
export function NotificationBanner({
  permission,
  onEnable,
  onDismiss,
}: {
  permission: PermissionState;
  onEnable(): void;
  onDismiss(): void;
}) {
  const t = useT();
  if (permission === 'granted' || permission === 'unsupported') return null;
  const denied = permission === 'denied';
  return (
    <div
      className={`notify-banner${denied ? ' notify-banner-denied' : ''}`}
      role="status"
      data-tributary="notify-banner"
    >
      <BellIcon />
      <span className="notify-text">{t(denied ? 'notifyDenied' : 'notifyAsk')}</span>
      {!denied && (
        <button type="button" className="btn btn-small btn-primary" onClick={onEnable} data-tributary="notify-enable">
          {t('notifyEnable')}
        </button>
      )}
      <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss} aria-label={t('close')}>
        {denied ? t('close') : t('notifyLater')}
      </button>
    </div>
  );
}

function BellIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" className="icon">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}
