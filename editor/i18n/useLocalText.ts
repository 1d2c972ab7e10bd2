import type { LocalText } from '../../shared/cards/fieldMeta.ts';
import { format, type Vars } from '../../web/createI18n.tsx';
import { useI18n } from './I18n.tsx';

/** Picks a card definition's text (label, help) in the current UI language and fills its `{placeholders}`. */
export function useLocalText(): (text: LocalText, vars?: Vars) => string {
  const { lang } = useI18n();
  return (text, vars) => format(text[lang] ?? text.en, vars);
}
