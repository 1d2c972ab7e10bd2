import { useEffect, useState } from 'react';
import { call } from '../../web/api/client.ts';
import { formatDateTime } from '../../web/formatDate.ts';
import type { Me } from '../api/types.ts';
import { useI18n } from '../i18n/I18n.tsx';

type Endpoint = Awaited<ReturnType<typeof call<'listWebhooks'>>>[number];

/** How often an open page asks again (an endpoint is turned off after a day of failures: minutes are plenty). */
const EVERY_MS = 5 * 60_000;

/**
 * For admins, under the top bar of the editor's pages (the canvas too): webhook endpoints that were turned off
 * because every delivery kept failing, since when, with a link to the webhooks screen of the admin console (the
 * same notice the console shows). Said in the page's language from the server's `disabledCode` and dates, not its
 * English `disabledReason`. Nothing for others, nor for an endpoint an admin turned off.
 */
export function WebhookNotice({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const admin = me.roles.includes('admin');
  const [off, setOff] = useState<Endpoint[]>([]);
  useEffect(() => {
    if (!admin) return;
    let live = true;
    const load = () =>
      call('listWebhooks').then(
        (list) => live && setOff(list.filter((e) => !e.enabled && e.disabledCode === 'failing')),
        () => {},
      );
    void load();
    const timer = setInterval(load, EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [admin]);
  if (!off.length) return null;
  const [first] = off;
  const vars = {
    count: off.length,
    url: first.url,
    since: formatDateTime(first.failingSince ?? first.disabledAt ?? first.createdAt, lang),
    at: formatDateTime(first.disabledAt ?? Date.now(), lang),
  };
  return (
    <div className="webhook-notice" role="alert" data-tributary="webhook-notice">
      <span>{t(off.length === 1 ? 'webhooks.noticeOne' : 'webhooks.noticeMany', vars)}</span>
      <a href="/inbox/admin/webhooks">{t('webhooks.open')}</a>
    </div>
  );
}
