/**
 * What the widget tells the server about the page and the browser that the server cannot know by itself (the
 * visitor protocol's `hello.page`, docs/protocol.md): the page's title and referrer, the browser's time zone and
 * language. The limits and patterns live here, free of zod, so that the widget bounds what it sends with the same
 * numbers the server's schema checks (shared/protocol/visitor.ts) without carrying the schema library.
 */
export interface PageContext {
  title?: string;
  referrer?: string;
  timeZone?: string;
  language?: string;
}

export const PAGE_LIMITS = { title: 300, referrer: 2048, timeZone: 64, language: 35 } as const;

/** IANA zone names: `Asia/Seoul`, `America/Argentina/Buenos_Aires`, `Etc/GMT+9`, `UTC`. */
export const TIME_ZONE_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
/** A BCP 47 language tag as browsers give it (`ko-KR`, `en`, `zh-Hant-TW`). */
export const LANGUAGE_PATTERN = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
/** A referrer is a web page: `http(s)://…`. */
export const REFERRER_PATTERN = /^https?:\/\/\S+$/i;

/** The context of the page this script runs in, each field bounded and left out when the browser gives none
 * that fits (the widget). */
export function currentPageContext(doc: { title: string; referrer: string }, nav: { language?: string }): PageContext {
  const out: PageContext = {};
  const title = doc.title.replace(/\s+/g, ' ').trim();
  if (title) out.title = title.slice(0, PAGE_LIMITS.title);
  const ref = doc.referrer;
  if (ref && ref.length <= PAGE_LIMITS.referrer && REFERRER_PATTERN.test(ref)) out.referrer = ref;
  let zone: string | undefined;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    zone = undefined;
  }
  if (zone && zone.length <= PAGE_LIMITS.timeZone && TIME_ZONE_PATTERN.test(zone)) out.timeZone = zone;
  const lang = nav.language;
  if (lang && lang.length <= PAGE_LIMITS.language && LANGUAGE_PATTERN.test(lang)) out.language = lang;
  return out;
}
