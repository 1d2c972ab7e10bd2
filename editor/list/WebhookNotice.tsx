import { useEffect, useState } from 'react';
import { call } from '../../web/api/client.ts';
import type { Me } from '../api/types.ts';
import { useT } from '../i18n/I18n.tsx';

type Endpoint = Awaited<ReturnType<typeof call<'listWebhooks'>>>[number];

/** How often an open page asks again (an endpoint is turned off after a day of failures: minutes are plenty). */
const EVERY_MS = 5 * 60_000;

/**
 * For admins, under the top bar of the editor's pages: webhook endpoints that were turned off because every
 * delivery kept failing, and why, with a link to the webhooks screen of the admin console (the same notice the
 * console shows). Nothing for others, nor for an endpoint an admin turned off.
 */
export function WebhookNotice({ me }: { me: Me }) {
  const t = useT();
  const admin = me.roles.includes('admin');
  const [off, setOff] = useState<Endpoint[]>([]);
  useEffect(() => {
    if (!admin) return;
    let live = true;
    const load = () =>
      call('listWebhooks').then(
        (list) =>
          live &&
          setOff(list.filter((e) => !e.enabled && e.disabledReason && e.disabledReason !== 'disabled by an admin')),
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
  return (
    <div className="webhook-notice" role="alert" data-tributary="webhook-notice">
      <span>
        {t('webhooks.notice', { count: off.length, url: off[0].url })} {off[0].disabledReason}
      </span>
      <a href="/inbox/admin/webhooks">{t('webhooks.open')}</a>
    </div>
  );
}
