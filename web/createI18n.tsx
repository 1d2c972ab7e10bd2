import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** The UI languages of Tributary's apps (the reference product's documentation is Korean). */
export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];
export type Vars = Record<string, string | number>;

/** Replaces `{name}` placeholders; unknown placeholders stay visible so that a missing value is noticed. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Where the person's choice of language is remembered: one key for both apps (they share the runtime's origin). */
const storageKey = 'tributary.lang';

/**
 * One app's UI text: its message tables. The editor and the inbox each call this once with their own tables;
 * language choice (remembered once for both), fallback and formatting live here only.
 */

export function createI18n<K extends string>(tables: Record<Lang, Record<K, string>>) {
  type Translate = (key: K, vars?: Vars) => string;
  interface I18n {
    lang: Lang;
    setLang(lang: Lang): void;
    t: Translate;
  }

  /** Looks a message up (falling back to English, then the key; never throws) and fills its placeholders. */
  const translate = (lang: Lang, key: K, vars?: Vars): string =>
    format(tables[lang][key] ?? tables.en[key] ?? key, vars);
  const make = (lang: Lang, setLang: (l: Lang) => void): I18n => ({
    lang,
    setLang,
    t: (key, vars) => translate(lang, key, vars),
  });
  const I18nContext = createContext<I18n>(make('en', () => {}));

  /** The saved choice, else the browser's language (`ko*` → Korean), else English. */
  function initialLang(): Lang {
    try {
      const saved = globalThis.localStorage?.getItem(storageKey);
      if (saved === 'en' || saved === 'ko') return saved;
    } catch {
      // storage may be blocked (private mode); fall through to the browser's language
    }
    const nav = globalThis.navigator?.language || 'en';
    return nav.toLowerCase().startsWith('ko') ? 'ko' : 'en';
  }

  /** Provides the language and a switch that is remembered in localStorage. */
  function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
    const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang());
    const setLang = useCallback((next: Lang) => {
      setLangState(next);
      try {
        localStorage.setItem(storageKey, next);
      } catch {
        // not remembered, still switched
      }
      document.documentElement.lang = next;
    }, []);
    const value = useMemo(() => make(lang, setLang), [lang, setLang]);
    return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
  }

  return {
    I18nProvider,
    initialLang,
    translate,
    useI18n: (): I18n => useContext(I18nContext),
    useT: (): Translate => useContext(I18nContext).t,
  };
}
