import type { SuccessOf } from '../../shared/api/operation.ts';
import type { eraseLeads, Lead, listLeads } from '../../shared/api/leads.ts';
import { call } from '../../web/api/client.ts';

export type { Lead };
export type LeadsPage = SuccessOf<typeof listLeads>;
export type Outcome = Lead['outcome'];
export type Erasure = SuccessOf<typeof eraseLeads>;

/** The filters of the leads table (all optional; `version` needs a stream). */
export interface LeadFilters {
  stream?: string;
  version?: number;
  outcome?: Outcome;
  goal?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** Rows a page of the table shows. */
export const LEADS_PAGE = 50;

/** The leads table, its CSV and erasing a person's data (SPEC §8.7), through the one client (web/api/client.ts). */
export const leadsApi = {
  page: (f: LeadFilters, cursor?: string) => call('listLeads', { query: { ...f, limit: LEADS_PAGE, cursor } }),
  erase: (email: string) => call('eraseLeads', { body: { email } }),
  /**
   * Where the stream's CSV downloads from, with the table's filters: a plain link, so that the browser streams the
   * file to disk (however many rows) instead of holding it in the page. The session cookie signs it in.
   */
  csvUrl(f: LeadFilters & { stream: string }): string {
    const q = new URLSearchParams();
    for (const k of ['version', 'outcome', 'goal', 'from', 'to', 'q'] as const) {
      const v = f[k];
      if (v !== undefined && v !== '') q.set(k, String(v));
    }
    const qs = q.toString();
    return `/api/streams/${encodeURIComponent(f.stream)}/leads.csv${qs ? `?${qs}` : ''}`;
  },
};
