import type { IsoDay } from '../../../web/dayText.ts';
import { DateField as SharedDateField } from '../../../web/DateField.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The shared day field (web/DateField.tsx) with the inbox's words: days as the chosen language writes them. */
export function DateField(props: {
  value?: IsoDay;
  label: string;
  onChange(day: IsoDay | undefined): void;
  'data-tributary'?: string;
}) {
  const { t, lang } = useI18n();
  const text = {
    words: { year: t('dateYear'), month: t('dateMonth'), day: t('dateDay') },
    bad: (pattern: string) => t('dateBad', { pattern }),
    pick: t('datePick', { label: props.label }),
  };
  return <SharedDateField {...props} lang={lang} text={text} icon={<CalendarIcon />} />;
}

function CalendarIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
      <path d="M8 2v4M16 2v4M3 10h18M5 4h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" />
    </svg>
  );
}
