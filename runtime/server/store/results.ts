/**
 * Results: per published version, counters in day buckets, kept up to date in the same unit of work that stores a
 * visitor's step (runtime/server/results/tally.ts), so that answering "what did this stream achieve" reads a few
 * hundred rows whatever the number of conversations (SPEC §8.7, docs/results.md).
 *
 * A counter is `(streamId, version, day, kind, key) → n`. `day` is the UTC day (days since 1970-01-01) on which
 * the conversation started: a conversation's counts all land in its start day, so a date range selects a cohort
 * of conversations and the numbers of a funnel always add up.
 */
export const COUNTER_KINDS = [
  /** Conversations that entered the card (key: card id). */
  'card.reached',
  /** Valid replies that moved a conversation on from a question or capture (key: card id). */
  'card.answered',
  /** Conversations waiting at the card now or for good, i.e. who left there (key: card id). */
  'card.left',
  /** Moves along an edge (key: `from|port|to`; `to` empty where the branch ended). */
  'edge',
  /** Goal cards reached (key: goal name) and the sum of their scores. */
  'goal',
  'goal.score',
  /** Conversations (key: started, engaged, completed, handoff, missed, dropped). */
  'conv',
  /** Live chats (key: requested, connected, missed, acceptMs: the sum of times to accept in ms). */
  'chat',
  /** Times to accept by bucket (key: upper bound in seconds, `inf` past the last), for medians. */
  'chat.acceptHist',
  /** Per agent (key: agent id): offers made to them, chats they accepted, offers they missed or declined, and
   * the sum of times to accept of their chats (ms). */
  'agent.offered',
  'agent.connected',
  'agent.missed',
  'agent.acceptMs',
  /** Per agent, times to accept by bucket (key: `agentId|bucket`), for each agent's median on the dashboard. */
  'agent.acceptHist',
] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];

export interface Counter {
  streamId: string;
  version: number;
  day: number;
  kind: CounterKind;
  key: string;
  n: number;
}

export interface CounterQuery {
  streamId?: string;
  version?: number;
  /** Inclusive UTC days. */
  fromDay?: number;
  toDay?: number;
  kinds?: readonly CounterKind[];
}

/** Sums grouped by what the caller asks for: `day` keeps one row per day (charts), else one per kind and key. */
export interface CounterSum {
  streamId: string;
  version: number;
  day: number | null;
  kind: CounterKind;
  key: string;
  n: number;
}

const DAY_MS = 86_400_000;

/** The UTC day of an epoch-ms time. */
export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
/** The epoch ms at which a UTC day starts. */
export const dayStart = (day: number) => day * DAY_MS;

/** The upper bounds (seconds) of the time-to-accept histogram buckets. */
export const ACCEPT_BUCKETS = [2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 300, 600] as const;

/** The histogram bucket key of a time to accept. */
export function acceptBucket(ms: number): string {
  const s = ms / 1000;
  for (const b of ACCEPT_BUCKETS) if (s <= b) return String(b);
  return 'inf';
}

export interface Results {
  /** Adds the deltas (one write; rows created on first use). Queued in this turn's unit of work. */
  add(deltas: readonly Counter[]): Promise<void>;
  /** Sums of the counters that match, grouped by stream, version, kind and key (and day when `byDay`). */
  sums(q: CounterQuery, byDay?: boolean): Promise<CounterSum[]>;
}

/** Deltas with one entry per counter (PostgreSQL refuses to update one row twice in one statement). */
export function mergeDeltas(deltas: readonly Counter[]): Counter[] {
  const m = new Map<string, Counter>();
  for (const d of deltas) {
    const k = `${d.streamId}\u0000${d.version}\u0000${d.day}\u0000${d.kind}\u0000${d.key}`;
    const had = m.get(k);
    if (had) had.n += d.n;
    else m.set(k, { ...d });
  }
  return [...m.values()];
}

/** The where clause of a counter query with `?` placeholders. */
export function counterWhere(q: CounterQuery): { where: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  if (q.streamId !== undefined) (where.push('stream_id = ?'), values.push(q.streamId));
  if (q.version !== undefined) (where.push('version = ?'), values.push(q.version));
  if (q.fromDay !== undefined) (where.push('day >= ?'), values.push(q.fromDay));
  if (q.toDay !== undefined) (where.push('day <= ?'), values.push(q.toDay));
  if (q.kinds?.length) {
    where.push(`kind in (${q.kinds.map(() => '?').join(', ')})`);
    values.push(...q.kinds);
  }
  return { where: where.length ? `where ${where.join(' and ')}` : '', values };
}

export function sumsQuery(where: string, byDay: boolean): string {
  const day = byDay ? 'day' : 'null as day';
  const group = byDay ? 'stream_id, version, day, kind, key' : 'stream_id, version, kind, key';
  return `select stream_id, version, ${day}, kind, key, sum(n) as n from result_counts ${where} group by ${group}`;
}

export const toSum = (r: any): CounterSum => ({
  streamId: r.stream_id,
  version: Number(r.version),
  day: r.day == null ? null : Number(r.day),
  kind: r.kind,
  key: r.key,
  n: Number(r.n),
});

/** The table, the same on both backends (bigint on PostgreSQL is read as a number). */
export const resultsSchema = (bigint: string) => `
create table result_counts (
  stream_id text not null,
  version integer not null,
  day integer not null,
  kind text not null,
  key text not null,
  n ${bigint} not null,
  primary key (stream_id, version, day, kind, key)
);
`;
