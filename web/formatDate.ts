import type { Lang } from './createI18n.tsx';

/** The locale each app language formats dates and times in. */
const LOCALES: Record<Lang, string> = { en: 'en-US', ko: 'ko-KR' };

/**
 * A date and time in the app's chosen language (not the browser's), as both apps show them: `short` in tables and
 * lists, `medium` where there is room. `time` gives the time of day only (message bubbles).
 */
export function formatDateTime(at: string | number | Date, lang: Lang, style: 'short' | 'medium' | 'time' = 'medium') {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  return style === 'time'
    ? date.toLocaleTimeString(LOCALES[lang], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(LOCALES[lang], { dateStyle: style, timeStyle: 'short' });
}
