import type { Lang } from './createI18n.tsx';
import { LOCALES } from './formatDate.ts';

/** A UTC day as the API takes it: `YYYY-MM-DD`. */
export type IsoDay = string;

type Part = 'year' | 'month' | 'day';

/** The day formatter of a language: numeric, two-digit month and day, in UTC (an `IsoDay` is a UTC day). */
const formatter = (lang: Lang) =>
  new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });

/** `2026-12-07` → `12/07/2026` (English), `2026. 12. 07.` (Korean): the language's own way, not the browser's. */
export function formatDay(day: IsoDay, lang: Lang): string {
  const at = dayStart(day);
  return at === null ? day : formatter(lang).format(at);
}

/** The order the language writes year, month and day in (from Intl, not assumed). */
export function dayOrder(lang: Lang): Part[] {
  return formatter(lang)
    .formatToParts(Date.UTC(2026, 11, 7))
    .map((p) => p.type)
    .filter((t): t is Part => t === 'year' || t === 'month' || t === 'day');
}

/** What an empty field shows: the language's format with a word per part (`mm/dd/yyyy`, `연도. 월. 일.`). */
export function dayPattern(lang: Lang, words: Record<Part, string>): string {
  return formatter(lang)
    .formatToParts(Date.UTC(2026, 11, 7))
    .map((p) => (p.type === 'year' || p.type === 'month' || p.type === 'day' ? words[p.type] : p.value))
    .join('');
}

/**
 * A typed day back to an `IsoDay`: three numbers in the language's order (any separators), or `YYYY-MM-DD` in any
 * language; the year in four digits. Null when it is not a complete, real day (31 February is not).
 */
export function parseDay(text: string, lang: Lang): IsoDay | null {
  const numbers = text.match(/\d+/g);
  if (!numbers || numbers.length !== 3) return null;
  const order: Part[] = numbers[0].length === 4 ? ['year', 'month', 'day'] : dayOrder(lang);
  const at: Record<Part, string> = { year: '', month: '', day: '' };
  order.forEach((part, i) => (at[part] = numbers[i]));
  if (at.year.length !== 4 || at.month.length > 2 || at.day.length > 2) return null;
  const day = `${at.year}-${at.month.padStart(2, '0')}-${at.day.padStart(2, '0')}`;
  return dayStart(day) === null ? null : day;
}

/** Whether a typed day is complete enough to apply while typing: every part at full length. */
export function isFullDay(text: string, lang: Lang): boolean {
  const numbers = text.match(/\d+/g);
  return !!numbers && numbers.length === 3 && numbers.every((n) => n.length >= 2) && parseDay(text, lang) !== null;
}

/** Midnight UTC of a `YYYY-MM-DD` day, or null when it is not a real day. */
export function dayStart(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(at).toISOString().slice(0, 10) === day ? at : null;
}
