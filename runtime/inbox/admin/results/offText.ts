import type { DisabledCode } from '../../../../shared/api/webhooks.ts';
import type { Lang } from '../../../../web/createI18n.tsx';
import { formatDateTime } from '../../../../web/formatDate.ts';
import type { Translate } from '../../i18n/I18nProvider.tsx';

/** What the endpoint list says of an endpoint that is off (the fields this needs). */
export interface OffEndpoint {
  url: string;
  createdAt: number;
  failingSince: number | null;
  disabledAt: number | null;
  disabledCode: DisabledCode | null;
}

/** Whether it was turned off for failing (not by an admin). */
export const offForFailing = (e: OffEndpoint): boolean => e.disabledCode === 'failing';

/**
 * Why an endpoint is off, in the page's language and dates: the server's `disabledReason` is an English sentence
 * for logs and mail, so the text is built from its code and the endpoint's own dates.
 */
export function offText(e: OffEndpoint, t: Translate, lang: Lang): string {
  if (!offForFailing(e)) return t('whOffAdmin');
  return t('whOffFailing', {
    since: formatDateTime(e.failingSince ?? e.disabledAt ?? e.createdAt, lang),
    at: formatDateTime(e.disabledAt ?? Date.now(), lang),
  });
}
