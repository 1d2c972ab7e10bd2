import { outcomeSchema } from '../../shared/api/leads.ts';
import { MAX_QUERY_LENGTH } from '../../shared/api/searchLimits.ts';
import type { LeadFilters } from '../api/leads.ts';
import { dayStart } from '../../web/dayText.ts';

/** What the Leads page shows: its filters and the page number (1 = newest). Kept in the URL's query. */
export interface LeadsView {
  filters: LeadFilters;
  page: number;
}

/** Highest page a link may ask for (each page before it is walked through to find its cursor). */
const MAX_PAGE = 10_000;

/** The query's keys, in the order a URL lists them. */
const KEYS = ['stream', 'version', 'outcome', 'goal', 'from', 'to', 'q'] as const;

const positive = (v: string, max: number) => (/^[1-9]\d{0,6}$/.test(v) && Number(v) <= max ? Number(v) : undefined);
const text = (v: string, max: number) => (v.trim() && v.length <= max ? v : undefined);

/**
 * The view a URL's query asks for. Anything that is not a valid value (an unknown outcome, a day that does not
 * exist, a page of zero, a version without a stream) is dropped, so a mangled link opens the default, not an error.
 */
export function parseLeadsView(search: string): LeadsView {
  const q = new URLSearchParams(search);
  const get = (k: string) => q.get(k) ?? '';
  const filters: LeadFilters = {};
  const stream = text(get('stream'), 100);
  if (stream) filters.stream = stream;
  const version = positive(get('version'), 1_000_000);
  if (stream && version) filters.version = version;
  const outcome = outcomeSchema.safeParse(get('outcome'));
  if (outcome.success) filters.outcome = outcome.data;
  const goal = text(get('goal'), 200);
  if (goal) filters.goal = goal;
  for (const k of ['from', 'to'] as const) if (dayStart(get(k)) !== null) filters[k] = get(k);
  const words = text(get('q'), MAX_QUERY_LENGTH)?.trim();
  if (words) filters.q = words;
  return { filters, page: positive(get('page'), MAX_PAGE) ?? 1 };
}

/** The query (with its `?`, or '' for the default view) of a view: the page only when past the first. */
export function leadsSearch({ filters, page }: LeadsView): string {
  const q = new URLSearchParams();
  for (const k of KEYS) {
    const v = filters[k];
    if (v !== undefined && v !== '') q.set(k, String(v));
  }
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}
