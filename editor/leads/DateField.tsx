import type { IsoDay } from '../../web/dayText.ts';
import { DateField as SharedDateField } from '../../web/DateField.tsx';
import { useI18n } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';

/** The shared day field (web/DateField.tsx) with the editor's words and icon. */
export function DateField(props: {
  value?: IsoDay;
  min?: IsoDay;
  max?: IsoDay;
  label: string;
  onChange(day: IsoDay | undefined): void;
  'data-tributary'?: string;
  'data-filter'?: string;
}) {
  const { t, lang } = useI18n();
  const text = {
    words: { year: t('date.year'), month: t('date.month'), day: t('date.day') },
    bad: (pattern: string) => t('date.bad', { pattern }),
    pick: t('date.pick', { label: props.label }),
  };
  return (
    <SharedDateField
      {...props}
      lang={lang}
      text={text}
      icon={<Icon path={icons.calendar} size={14} />}
      className="input input--small"
    />
  );
}
