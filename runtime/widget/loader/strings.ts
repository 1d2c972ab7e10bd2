import type { Lang } from '../kernel.ts';

/** The page's language decides the UI language: Korean for `<html lang="ko…">`, English otherwise. */
export function pageLang(): Lang {
  return /^ko\b/i.test(document.documentElement.lang) ? 'ko' : 'en';
}

/** The few texts the loader itself shows (the conversation UI has its own table in ui/strings.ts). */
export const LOADER_TEXT = {
  en: { open: 'Open chat', close: 'Close chat', dismiss: 'Dismiss message', unread: 'unread' },
  ko: { open: '채팅 열기', close: '채팅 닫기', dismiss: '메시지 닫기', unread: '읽지 않음' },
} as const;
