import { stringify } from 'csv-stringify/sync';
import type { LeadQuery, LeadRow } from '../store/leads.ts';
import type { Store } from '../store/store.ts';

/** The fixed columns of the leads CSV (SPEC §8.7); the stream's attributes follow, sorted by name. */
export const CSV_COLUMNS = ['conversationId', 'startedAt', 'version', 'outcome', 'goal', 'score', 'agent', 'page'];

/** Rows read from the store per query: the most the export holds in memory at once. */
export const CSV_BATCH = 1000;

/**
 * A stream's leads as CSV text, produced batch by batch: a header, then one line per conversation, newest first,
 * read with keyset pages of `batch` rows, so a million rows never sit in memory; the transport writes each chunk
 * once the client took the one before, and stops this generator (no further reads) when the client goes away.
 * `agentName` names an agent by id (their id when the user is gone).
 */
export async function* leadsCsv(
  store: Pick<Store, 'leads'>,
  q: Omit<LeadQuery, 'limit' | 'after' | 'ids'>,
  agentName: (id: string) => string,
  batch = CSV_BATCH,
): AsyncGenerator<string> {
  const attributes = await store.leads.attributes(q.streamId);
  yield stringify([[...CSV_COLUMNS, ...attributes]]);
  let after: LeadQuery['after'];
  for (;;) {
    const rows = await store.leads.page({ ...q, after, limit: batch });
    if (rows.length === 0) return;
    yield stringify(rows.map((r) => line(r, attributes, agentName)));
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    after = { startedAt: last.startedAt, id: last.conversationId };
  }
}

function line(r: LeadRow, attributes: readonly string[], agentName: (id: string) => string): string[] {
  return [
    r.conversationId,
    new Date(r.startedAt).toISOString(),
    String(r.version),
    r.outcome,
    safeCell(r.goal ?? ''),
    String(r.score),
    safeCell(r.agentId ? agentName(r.agentId) : ''),
    safeCell(r.page ?? ''),
    ...attributes.map((a) => safeCell(r.attributes[a] ?? '')),
  ];
}

/** The first characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet will show it, never run it: one that starts like a formula gets a single quote in
 * front (OWASP's advice), so a visitor who types `=HYPERLINK(…)` or `@SUM(…)` into a capture cannot make the
 * marketer's spreadsheet evaluate it. Text only: the numbers and dates this file writes itself are left as they
 * are (a negative score stays a number), and a captured `+1 555…` reads `'+1 555…`.
 */
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
