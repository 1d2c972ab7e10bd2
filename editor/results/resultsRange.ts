/** The date ranges the results bar offers; `custom` uses the two day fields. */
export type RangePreset = 'all' | 'today' | '7d' | '30d' | 'custom';

export interface ResultsRange {
  preset: RangePreset;
  /** UTC days `YYYY-MM-DD` of a custom range ('' = open). */
  from: string;
  to: string;
}

export const ALL_TIME: ResultsRange = { preset: 'all', from: '', to: '' };

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The `from`/`to` query of a range, in UTC days as the counters are kept (a conversation counts on the UTC day it
 * started). Presets are measured from `now`, so a range that ends today keeps following today.
 */
export function rangeQuery(r: ResultsRange, now = Date.now()): { from?: string; to?: string } {
  const today = isoDay(now);
  switch (r.preset) {
    case 'all':
      return {};
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: isoDay(now - 6 * DAY_MS), to: today };
    case '30d':
      return { from: isoDay(now - 29 * DAY_MS), to: today };
    case 'custom':
      return { ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) };
  }
}
