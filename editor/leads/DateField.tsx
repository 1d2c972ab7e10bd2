import { useRef, useState } from 'react';
import { useI18n } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import { dayPattern, formatDay, isFullDay, parseDay, type IsoDay } from './dayText.ts';

/**
 * A day typed or picked, shown the way the page's language writes it (`2026. 12. 07.` in Korean): a browser's
 * date input draws its own format in the browser's language whatever the page's, so the text is ours and the
 * browser's calendar only opens from the button. Applies a complete day as it is typed, anything else on Enter or
 * when the field is left; a day that does not exist is marked and not applied. Empty clears it.
 */
export function DateField({
  value,
  min,
  max,
  label,
  onChange,
  ...hooks
}: {
  value?: IsoDay;
  min?: IsoDay;
  max?: IsoDay;
  label: string;
  onChange(day: IsoDay | undefined): void;
  'data-tributary'?: string;
  'data-filter'?: string;
}) {
  const { t, lang } = useI18n();
  // What is being typed; null shows the value as the language writes it.
  const [draft, setDraft] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const bad = draft !== null && draft.trim() !== '' && parseDay(draft, lang) === null;
  const apply = (text: string, done: boolean) => {
    const day = text.trim() ? parseDay(text, lang) : undefined;
    if (day === null) return;
    if (day !== value) onChange(day);
    if (done) setDraft(null);
  };
  const pattern = dayPattern(lang, { year: t('date.year'), month: t('date.month'), day: t('date.day') });
  return (
    <span className={'date-field' + (bad ? ' is-invalid' : '')}>
      <input
        className="input input--small date-field__text"
        inputMode="numeric"
        aria-label={label}
        aria-invalid={bad || undefined}
        title={bad ? t('date.bad', { pattern }) : undefined}
        placeholder={pattern}
        value={draft ?? (value ? formatDay(value, lang) : '')}
        onChange={(e) => {
          setDraft(e.target.value);
          if (!e.target.value.trim() || isFullDay(e.target.value, lang)) apply(e.target.value, false);
        }}
        onBlur={() => draft !== null && apply(draft, true)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && draft !== null) apply(draft, true);
          if (e.key === 'Escape') setDraft(null);
        }}
        {...hooks}
      />
      <button
        type="button"
        className="date-field__pick"
        aria-label={t('date.pick', { label })}
        title={t('date.pick', { label })}
        onClick={() => picker.current?.showPicker()}
      >
        <Icon path={icons.calendar} size={14} />
      </button>
      {/* The browser's calendar, opened by the button; its own text is never shown. */}
      <input
        ref={picker}
        type="date"
        className="date-field__native"
        tabIndex={-1}
        aria-hidden
        value={value ?? ''}
        min={min}
        max={max}
        onChange={(e) => {
          setDraft(null);
          onChange(e.target.value || undefined);
        }}
      />
    </span>
  );
}
