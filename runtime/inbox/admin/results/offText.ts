import type { Lang } from '../../../../web/createI18n.tsx';
import { formatDateTime } from '../../../../web/formatDate.ts';
import type { Translate } from '../../i18n/I18nProvider.tsx';

/** What the endpoint list says of an endpoint that is off (the fields this needs). */
export interface OffEndpoint {
  url: string;
  createdAt: number;
  failingSince: number | null;
  disabledAt: number | null;
  disabledReason: string | null;
}

/** The `disabledReason` an admin's switch-off records (runtime/server/api/webhooks.ts). */
const BY_ADMIN = 'disabled by an admin';

/** Whether it was turned off for failing (not by an admin). */
export const offForFailing = (e: OffEndpoint): boolean => e.disabledReason !== null && e.disabledReason !== BY_ADMIN;

/**
 * Why an endpoint is off, in the page's language and dates: the server's `disabledReason` is an English sentence
 * for logs and mail, so only which of the two cases it is, and the endpoint's own dates, are taken from it.
 */
export function offText(e: OffEndpoint, t: Translate, lang: Lang): string {
  if (!offForFailing(e)) return t('whOffAdmin');
  return t('whOffFailing', {
    since: formatDateTime(e.failingSince ?? e.disabledAt ?? e.createdAt, lang),
    at: formatDateTime(e.disabledAt ?? Date.now(), lang),
  });
}
