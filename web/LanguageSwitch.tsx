import { LANGS, type Lang } from './createI18n.tsx';

/** Each language named in itself, whatever the page's language. */
const NAMES: Record<Lang, string> = { en: 'English', ko: '한국어' };

/** English / 한국어 for both apps: the first visit follows the browser; a choice here is remembered. */
export function LanguageSwitch({
  lang,
  setLang,
  label,
  className = 'lang-switch',
}: {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The switch's accessible name, in the page's language. */
  label: string;
  className?: string;
}) {
  return (
    <select
      className={className}
      aria-label={label}
      value={lang}
      onChange={(e) => setLang(e.target.value as Lang)}
      data-tributary="language"
    >
      {LANGS.map((l) => (
        <option key={l} value={l}>
          {NAMES[l]}
        </option>
      ))}
    </select>
  );
}
