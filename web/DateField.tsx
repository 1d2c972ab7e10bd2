import { useRef, useState, type ReactNode } from 'react';
import type { Lang } from './createI18n.tsx';
import { dayPattern, formatDay, isFullDay, parseDay, type IsoDay } from './dayText.ts';

/** What a date field says, in the app's language (each app passes its own catalogue's words). */
export interface DateFieldText {
  /** The words an empty field shows per part (`yyyy`, `연도`). */
  words: { year: string; month: string; day: string };
  /** The title of a field holding no real day, given the pattern. */
  bad(pattern: string): string;
  /** The calendar button's name. */
  pick: string;
}

/**
 * A day typed or picked, shown the way the app's language writes it (`2026. 12. 07.` in Korean): a browser's date
 * input draws its own format in the browser's language whatever the page's, so the text is ours and the browser's
 * calendar only opens from the button. Applies a complete day as it is typed, anything else on Enter or when the
 * field is left; a day that does not exist is marked and not applied. Empty clears it. Shared by the editor and the
 * inbox (each wraps it with its language and icon); styles in web/dateField.css.
 */
export function DateField({
  value,
  min,
  max,
  label,
  lang,
  text,
  icon,
  className = '',
  onChange,
  ...hooks
}: {
  value?: IsoDay;
  min?: IsoDay;
  max?: IsoDay;
  label: string;
  lang: Lang;
  text: DateFieldText;
  icon: ReactNode;
  /** The app's input classes. */
  className?: string;
  onChange(day: IsoDay | undefined): void;
  'data-tributary'?: string;
  'data-filter'?: string;
}) {
  // What is being typed; null shows the value as the language writes it.
  const [draft, setDraft] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const bad = draft !== null && draft.trim() !== '' && parseDay(draft, lang) === null;
  const apply = (typed: string, done: boolean) => {
    const day = typed.trim() ? parseDay(typed, lang) : undefined;
    if (day === null) return;
    if (day !== value) onChange(day);
    if (done) setDraft(null);
  };
  const pattern = dayPattern(lang, text.words);
  return (
    <span className={'date-field' + (bad ? ' is-invalid' : '')}>
      <input
        className={`${className} date-field__text`.trim()}
        inputMode="numeric"
        aria-label={label}
        aria-invalid={bad || undefined}
        title={bad ? text.bad(pattern) : undefined}
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
        aria-label={text.pick}
        title={text.pick}
        onClick={() => picker.current?.showPicker()}
      >
        {icon}
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
