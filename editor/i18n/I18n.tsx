import { createI18n, type Vars } from '../../web/createI18n.tsx';
import { LanguageSwitch as SharedSwitch } from '../../web/LanguageSwitch.tsx';
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export type { Lang } from '../../web/createI18n.tsx';
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** The editor's UI text in English and Korean (web/createI18n.tsx does the rest). */
export const { I18nProvider, initialLang, translate, useI18n, useT } = createI18n({ en, ko });

/** The shared language switch (web/LanguageSwitch.tsx) with the editor's label and look. */
export function LanguageSwitch() {
  const i18n = useI18n();
  return <SharedSwitch {...i18n} label={i18n.t('app.language')} className="input input--small lang-switch" />;
}
