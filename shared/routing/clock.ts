import type { Schedule } from './types.ts';

/**
 * Wall-clock arithmetic for schedules: which weekday and minute it is in a time zone at an instant, whether a
 * schedule's block covers the instant, and when the next block boundary comes. Instants are epoch seconds; the
 * time zone database is the platform's (Intl), so a DST change moves boundaries the way a wall clock does.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const WEEK = 7 * 1440;

const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(name: string): boolean {
  try {
    format(name);
    return true;
  } catch {
    return false;
  }
}

/** `09:30` → 570. */
export function minuteOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const DAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The minute of the week (Monday 00:00 = 0) in `timeZone` at epoch second `t`. */
export function minuteOfWeek(timeZone: string, t: number): number {
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const p of format(timeZone).formatToParts(new Date(Math.floor(t) * 1000))) {
    if (p.type === 'weekday') day = DAY_INDEX[p.value];
    else if (p.type === 'hour') hour = Number(p.value);
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return day * 1440 + hour * 60 + minute;
}

/** The blocks as minute-of-week spans, sorted. */
function spans(s: Schedule): { from: number; to: number }[] {
  return s.blocks
    .map((b) => {
      const day = WEEKDAYS.indexOf(b.day) * 1440;
      return { from: day + minuteOfDay(b.from), to: day + minuteOfDay(b.to) };
    })
    .sort((a, b) => a.from - b.from);
}

/** Whether a block of the schedule covers epoch second `t`. */
export function inSchedule(s: Schedule, t: number): boolean {
  const m = minuteOfWeek(s.timeZone, t);
  return spans(s).some((b) => b.from <= m && m < b.to);
}

/**
 * The first block boundary (a block's start or end) strictly after epoch second `t`, or undefined when the
 * schedule has no blocks. Found by the wall-clock distance to the next boundary minute, then corrected for a
 * UTC offset that changes on the way (DST): at most a few Intl calls, never a scan of the week.
 */
export function nextBoundary(s: Schedule, t: number): number | undefined {
  const marks = [...new Set(spans(s).flatMap((b) => [b.from, b.to % WEEK]))].sort((a, b) => a - b);
  if (!marks.length) return undefined;
  const whole = Math.floor(t);
  const m = minuteOfWeek(s.timeZone, whole);
  const intoMinute = (((whole % 60) + 60) % 60) + (t - whole);
  const mark = marks.find((x) => x > m) ?? marks[0] + WEEK;
  let candidate = t - intoMinute + (mark - m) * 60;
  for (let i = 0; i < 3; i++) {
    const seen = minuteOfWeek(s.timeZone, candidate);
    const off = (((mark % WEEK) - seen + WEEK + WEEK / 2) % WEEK) - WEEK / 2;
    if (off === 0) break;
    // The mark does not exist that day (skipped by a DST jump): the boundary is where the clock jumps over it.
    if (i === 2) break;
    candidate += off * 60;
  }
  return candidate > t ? candidate : candidate + WEEK * 60;
}
