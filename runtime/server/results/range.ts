import { HttpError } from '../http/types.ts';
import { dayOf, dayStart } from '../store/results.ts';

/** A range of UTC days, inclusive; undefined ends are open. */
export interface DayRange {
  fromDay?: number;
  toDay?: number;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads `from`/`to` (a UTC day `YYYY-MM-DD` or epoch ms) as whole days; 400 `bad-range` when unreadable or reversed,
 * with the field and the reason (`unreadable`, `reversed`) for clients to say it in their language.
 */
export function parseRange(from: string | undefined, to: string | undefined): DayRange {
  const range: DayRange = { fromDay: dayParam('from', from), toDay: dayParam('to', to) };
  if (range.fromDay !== undefined && range.toDay !== undefined && range.fromDay > range.toDay)
    throw new HttpError(400, 'bad-range', 'from: is after to', undefined, undefined, {
      field: 'from',
      reason: 'reversed',
    });
  return range;
}

function dayParam(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = DAY.exec(v);
  if (m) {
    const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    const d = new Date(ms);
    if (d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]) return dayOf(ms);
  } else if (/^\d{1,15}$/.test(v)) return dayOf(Number(v));
  throw new HttpError(
    400,
    'bad-range',
    `${name}: expected a day YYYY-MM-DD or epoch milliseconds, got "${v}"`,
    undefined,
    undefined,
    { field: name, reason: 'unreadable' },
  );
}

/** A UTC day as `YYYY-MM-DD`. */
export const isoDay = (day: number) => new Date(dayStart(day)).toISOString().slice(0, 10);
