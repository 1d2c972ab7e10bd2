import { LANGS, useI18n, type Lang } from '../i18n/I18nProvider.tsx';

const NAMES: Record<Lang, string> = { en: 'English', ko: '한국어' };

/** English / 한국어. The first visit follows the browser's language; a choice here is remembered. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <select
      className="lang-switch"
      aria-label={t('language')}
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
