import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { linkProps } from '../../app/router.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useLoad } from '../useLoad.ts';

/** Told by the webhooks screen when an endpoint changed (turned on or off, removed). */
export const WEBHOOKS_CHANGED = 'tributary:webhooks-changed';

/**
 * Over the admin console: webhook endpoints that were disabled (every delivery failed for a day) and why, with a
 * link to the webhooks screen, so that admins learn of it without waiting for an email.
 */
export function WebhookNotice() {
  const t = useT();
  const { data, reload } = useLoad(() => api.webhooks());
  useEffect(() => {
    window.addEventListener(WEBHOOKS_CHANGED, reload);
    return () => window.removeEventListener(WEBHOOKS_CHANGED, reload);
  }, [reload]);
  const off = (data ?? []).filter((e) => !e.enabled && e.disabledReason && e.disabledReason !== 'disabled by an admin');
  if (!off.length) return null;
  return (
    <div className="notice notice-error" role="alert" data-tributary="webhook-notice">
      <span>
        {t('whNotice', { count: off.length, url: off[0].url })} {off[0].disabledReason}
      </span>
      <a {...linkProps('/admin/webhooks')}>{t('whNoticeOpen')}</a>
    </div>
  );
}
