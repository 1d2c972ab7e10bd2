import { WEEKDAYS } from '../../../shared/routing/clock.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/I18nProvider.tsx';

export type Weekday = (typeof WEEKDAYS)[number];
export interface ScheduleBlock {
  day: Weekday;
  from: string;
  to: string;
}
export interface Schedule {
  timeZone: string;
  blocks: ScheduleBlock[];
}

/** The browser's time zone, the default for a new schedule (the person's own). */
export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const ZONES: readonly string[] = (() => {
  try {
    return (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
})();

/**
 * A weekly schedule as form fields: a time zone and blocks (weekday, from, to as HH:MM; `24:00` ends the day, which
 * a browser's time picker cannot say, hence text fields). `errors` are the server's 400s by
 * field path inside the schedule (`timeZone`, `blocks.1`, `blocks.1.to`), each shown next to its field.
 */
export function ScheduleEditor({
  id,
  value,
  onChange,
  errors,
}: {
  id: string;
  value: Schedule;
  onChange(s: Schedule): void;
  errors: Record<string, string>;
}) {
  const t = useT();
  const setBlock = (i: number, patch: Partial<ScheduleBlock>) =>
    onChange({ ...value, blocks: value.blocks.map((b, k) => (k === i ? { ...b, ...patch } : b)) });
  const rowError = (i: number) =>
    Object.entries(errors)
      .filter(([path]) => path === `blocks.${i}` || path.startsWith(`blocks.${i}.`))
      .map(([path, message]) => {
        const field = path.split('.')[2];
        const text = errorText(message, t);
        return field === 'from' || field === 'to'
          ? `${t(field === 'from' ? 'scheduleFrom' : 'scheduleTo')}: ${text}`
          : text;
      })
      .join('; ');
  return (
    <div className="schedule-editor" data-tributary={`schedule-${id}`}>
      <label className="field">
        <span>{t('scheduleTimeZone')}</span>
        <input
          list={`${id}-zones`}
          value={value.timeZone}
          onChange={(e) => onChange({ ...value, timeZone: e.target.value })}
          aria-invalid={errors.timeZone ? 'true' : undefined}
          data-tributary="schedule-timezone"
        />
        <datalist id={`${id}-zones`}>
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {errors.timeZone ? (
          <small className="form-error small" data-tributary="field-error">
            {errorText(errors.timeZone, t)}
          </small>
        ) : null}
      </label>
      {value.blocks.length === 0 ? <p className="muted small">{t('scheduleNoBlocks')}</p> : null}
      <ol className="schedule-blocks">
        {value.blocks.map((b, i) => {
          const problem = rowError(i);
          return (
            <li key={i} data-tributary="schedule-block" className={problem ? 'invalid' : undefined}>
              <select
                value={b.day}
                onChange={(e) => setBlock(i, { day: e.target.value as Weekday })}
                aria-label={t('scheduleDay')}
              >
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {t(`day_${d}` as MessageKey)}
                  </option>
                ))}
              </select>
              <input
                className="time"
                inputMode="numeric"
                placeholder="09:00"
                value={b.from}
                onChange={(e) => setBlock(i, { from: e.target.value })}
                aria-label={t('scheduleFrom')}
                aria-invalid={errors[`blocks.${i}.from`] ? 'true' : undefined}
              />
              <span aria-hidden="true">–</span>
              <input
                className="time"
                inputMode="numeric"
                placeholder="17:00"
                value={b.to}
                onChange={(e) => setBlock(i, { to: e.target.value })}
                aria-label={t('scheduleTo')}
                aria-invalid={errors[`blocks.${i}.to`] || errors[`blocks.${i}`] ? 'true' : undefined}
              />
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => onChange({ ...value, blocks: value.blocks.filter((_, k) => k !== i) })}
              >
                {t('scheduleRemove')}
              </button>
              {problem ? (
                <small className="form-error small" data-tributary="field-error">
                  {problem}
                </small>
              ) : null}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="btn btn-small"
        data-tributary="schedule-add"
        onClick={() => {
          const last = value.blocks[value.blocks.length - 1];
          const day = last ? WEEKDAYS[(WEEKDAYS.indexOf(last.day) + 1) % 7] : 'mon';
          onChange({ ...value, blocks: [...value.blocks, { day, from: '09:00', to: '17:00' }] });
        }}
      >
        {t('scheduleAdd')}
      </button>
    </div>
  );
}

/**
 * Splits a 400's message `path: text` (the server names the field, e.g. `blocks.1: overlaps blocks[0]` or
 * `businessHours.timeZone: unknown time zone`) into field errors under `prefix`; anything else goes under ''.
 */
export function fieldErrors(message: string, prefix = ''): Record<string, string> {
  const m = /^([\w.]+): (.*)$/s.exec(message);
  if (!m || (prefix && !m[1].startsWith(`${prefix}.`) && m[1] !== prefix)) return { '': message };
  return { [prefix ? m[1].slice(prefix.length + 1) : m[1]]: m[2] };
}

/** The server's schedule messages in the person's language (the API speaks English; unknown ones stay as they are). */
export function errorText(message: string, t: ReturnType<typeof useT>): string {
  if (message.startsWith('unknown time zone')) return t('scheduleErrZone');
  if (message === 'must be later than from') return t('scheduleErrInverted');
  if (message.startsWith('must be a time')) return t('scheduleErrTime');
  const overlap = /^overlaps blocks\[(\d+)\]$/.exec(message);
  if (overlap) return t('scheduleErrOverlap', { n: Number(overlap[1]) + 1 });
  return message;
}
