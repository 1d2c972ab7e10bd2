import { useI18n, type Lang } from '../i18n/I18n.tsx';

/** English / 한국어: follows the browser at first, then the user's choice. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <select
      className="input input--small lang-switch"
      aria-label={t('app.language')}
      value={lang}
      onChange={(e) => setLang(e.target.value as Lang)}
    >
      <option value="en">English</option>
      <option value="ko">한국어</option>
    </select>
  );
}
