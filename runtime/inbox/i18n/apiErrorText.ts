import { ApiError } from '../../../web/api/client.ts';
import { useI18n, type Lang, type Translate } from './I18nProvider.tsx';

/**
 * A failed call in the app's language. The server answers in English: in English its own sentence is shown (the
 * most precise); in another language the sentence for its status, and the field it named (`error.field`).
 */
export function apiErrorText(e: unknown, t: Translate, lang: Lang): string {
  const message = e instanceof Error ? e.message : String(e);
  if (lang === 'en' && message) return message;
  if (!(e instanceof ApiError)) return e instanceof TypeError ? t('apiError_network') : message;
  const s = e.status;
  if (s === 0) return t('apiError_network');
  if (s === 400 || s === 422) return e.field ? t('apiError_invalidField', { field: e.field }) : t('apiError_invalid');
  if (s === 403) return t('apiError_forbidden');
  if (s === 404) return t('apiError_notFound');
  if (s === 409) return t('apiError_conflict');
  if (s === 413) return t('apiError_tooLarge');
  if (s === 429) return t('apiError_rateLimited');
  if (s >= 500) return t('apiError_unavailable');
  return t('apiError_status', { status: s });
}

/** `apiErrorText` in the current language. */
export function useApiErrorText(): (e: unknown) => string {
  const { t, lang } = useI18n();
  return (e) => apiErrorText(e, t, lang);
}
