import { createI18n, type Vars } from '../../../web/createI18n.tsx';
import { LanguageSwitch as SharedSwitch } from '../../../web/LanguageSwitch.tsx';
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export { format, LANGS, type Lang } from '../../../web/createI18n.tsx';
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** The inbox's UI text in English and Korean (web/createI18n.tsx does the rest). */
export const { I18nProvider, initialLang, useI18n, useT } = createI18n({ en, ko });

/** The shared language switch (web/LanguageSwitch.tsx) with the inbox's label. */
export function LanguageSwitch() {
  const i18n = useI18n();
  return <SharedSwitch {...i18n} label={i18n.t('language')} />;
}
