import { ApiError } from '../../web/api/client.ts';
import { MAX_QUERY_WORDS } from '../../shared/api/searchLimits.ts';
import type { LeadFilters } from '../api/leads.ts';
import type { Lang, Translate } from '../i18n/I18n.tsx';
import { formatDay } from '../../web/dayText.ts';

/**
 * Why the leads could not be loaded, in the page's language: from the API's `code`, `field` and `reason` and the
 * filters the page sent (the dates of a reversed range), never the server's English `message`. Anything this page
 * has no words for is said by its HTTP status.
 */
export function leadsErrorText(err: unknown, filters: LeadFilters, t: Translate, lang: Lang): string {
  if (!(err instanceof ApiError)) return t('leads.error.other');
  const day = (d: string | undefined) => (d ? formatDay(d, lang) : '');
  const fieldName = (f: string | undefined) =>
    f === 'from' ? t('leads.from') : f === 'to' ? t('leads.to') : f === 'q' ? t('leads.searchField') : '';
  if (err.code === 'bad-range' && err.reason === 'reversed')
    return t('leads.error.reversed', { from: day(filters.from), to: day(filters.to) });
  if (err.code === 'bad-range') return t('leads.error.badDay', { field: fieldName(err.field) });
  if (err.field === 'email') return t('leads.error.email');
  if (err.reason === 'too-many-words') return t('leads.error.tooManyWords', { max: MAX_QUERY_WORDS });
  if (err.status === 0) return t('leads.error.network');
  if (err.status === 403) return t('leads.noAccess');
  if (err.status === 404) return t('leads.error.notFound');
  if (err.status >= 500) return t('leads.error.server', { status: err.status });
  return t('leads.error.refused', { status: err.status });
}
