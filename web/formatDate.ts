import type { Lang } from './createI18n.tsx';

/** The locale each app language formats dates and times in. */
export const LOCALES: Record<Lang, string> = { en: 'en-US', ko: 'ko-KR' };

/** How each kind of date is shown. */
const STYLES = {
  /** Tables and lists. */
  short: { dateStyle: 'short', timeStyle: 'short' },
  /** Where there is room. */
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  /** The time of day only (message bubbles, a queue's "since"). */
  time: { hour: '2-digit', minute: '2-digit' },
  /** The time of day to the second ("updated at"). */
  clock: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  /** A logged event: day and time to the second (the routing log). */
  stamp: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * A date and time in the app's chosen language (not the browser's), as both apps show them; every date either app
 * shows goes through here.
 */
export function formatDateTime(at: string | number | Date, lang: Lang, style: keyof typeof STYLES = 'medium') {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(LOCALES[lang], STYLES[style]);
}
