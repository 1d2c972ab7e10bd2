import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { linkProps } from '../../app/router.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLoad } from '../useLoad.ts';
import { offForFailing, offText } from './offText.ts';

/** Told by the webhooks screen when an endpoint changed (turned on or off, removed). */
export const WEBHOOKS_CHANGED = 'tributary:webhooks-changed';

/**
 * Over the admin console: webhook endpoints that were disabled (every delivery failed for a day) and why, with a
 * link to the webhooks screen, so that admins learn of it without waiting for an email. Said in the page's language.
 */
export function WebhookNotice() {
  const { t, lang } = useI18n();
  const { data, reload } = useLoad(() => api.webhooks());
  useEffect(() => {
    window.addEventListener(WEBHOOKS_CHANGED, reload);
    return () => window.removeEventListener(WEBHOOKS_CHANGED, reload);
  }, [reload]);
  const off = (data ?? []).filter((e) => !e.enabled && offForFailing(e));
  if (!off.length) return null;
  return (
    <div className="notice notice-error" role="alert" data-tributary="webhook-notice">
      <span>{t('whNotice', { count: off.length, url: off[0].url, reason: offText(off[0], t, lang) })}</span>
      <a {...linkProps('/admin/webhooks')}>{t('whNoticeOpen')}</a>
    </div>
  );
}
