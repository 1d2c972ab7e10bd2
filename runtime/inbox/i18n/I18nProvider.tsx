import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];
const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, ko };
const STORAGE_KEY = 'tributary.inbox.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

const I18nContext = createContext<I18n>(makeI18n('en', () => {}));

/** UI language: the agent's explicit choice if they made one, else the browser's language (Korean or English). */
export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang());
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage can be unavailable (private mode); the choice then lasts for this page only
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}

function makeI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  return { lang, setLang, t: (key, vars) => format(dictionaries[lang][key] ?? en[key] ?? key, vars) };
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so that a missing value is noticed. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ko') return saved;
  } catch {
    // fall through to the browser's language
  }
  const nav = typeof navigator === 'undefined' ? 'en' : navigator.language || 'en';
  return nav.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
