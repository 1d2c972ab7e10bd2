import type { Lang } from '../kernel.ts';

/**
 * The widget's language (SPEC §6): the snippet's `data-lang`, else the page's `<html lang>`, else the browser's.
 * Korean for any `ko…`, English for everything else (the languages the widget has words for).
 */
export function pageLang(script: HTMLElement | null): Lang {
  const tag = script?.dataset.lang || document.documentElement.lang || navigator.language || '';
  return /^ko\b/i.test(tag) ? 'ko' : 'en';
}

/** The few texts the loader itself shows (the conversation UI has its own table in ui/strings.ts). */
export const LOADER_TEXT = {
  en: { open: 'Open chat', close: 'Close chat', dismiss: 'Dismiss message', unread: 'unread' },
  ko: { open: '채팅 열기', close: '채팅 닫기', dismiss: '메시지 닫기', unread: '읽지 않음' },
} as const;
