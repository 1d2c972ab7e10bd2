import type { StreamResults } from '../../../shared/api/results.ts';
import { ACCEPT_BUCKETS, type CounterSum } from '../store/results.ts';
import type { Store } from '../store/store.ts';
import { isoDay, type DayRange } from './range.ts';

/**
 * The results of one version over a range of days, summed from the counters (a few rows per card and edge per
 * day: no scan of conversations). The one place that turns counters into the answer of SPEC §8.7.
 */
export async function streamResults(
  store: Pick<Store, 'results'>,
  streamId: string,
  version: number | null,
  range: DayRange,
): Promise<StreamResults> {
  const sums = version === null ? [] : await store.results.sums({ streamId, version, ...range });
  return {
    streamId,
    version,
    from: range.fromDay === undefined ? null : isoDay(range.fromDay),
    to: range.toDay === undefined ? null : isoDay(range.toDay),
    ...resultsOf(sums),
  };
}

/** The answer's body from counter sums (of one version, or several added together). */
export function resultsOf(sums: readonly CounterSum[]): Omit<StreamResults, 'streamId' | 'version' | 'from' | 'to'> {
  const cards: StreamResults['cards'] = {};
  const card = (id: string) => (cards[id] ??= { reached: 0, answered: 0, left: 0 });
  const edges = new Map<string, { from: string; port: string; to: string; count: number }>();
  const outcomes = { started: 0, engaged: 0, completed: 0, handoff: 0, missed: 0, dropped: 0 };
  const goals: Record<string, number> = {};
  const scores: Record<string, number> = {};
  const chat = { requested: 0, connected: 0, missed: 0, acceptMs: 0 };
  const hist = new Map<string, number>();
  for (const s of sums) {
    switch (s.kind) {
      case 'card.reached':
        card(s.key).reached += s.n;
        break;
      case 'card.answered':
        card(s.key).answered += s.n;
        break;
      case 'card.left':
        card(s.key).left += s.n;
        break;
      case 'edge': {
        const [from, port, to] = s.key.split('|');
        // A move out of a port with no edge ended the branch: not an edge of the canvas.
        if (!to) break;
        const e = edges.get(s.key) ?? { from, port, to, count: 0 };
        e.count += s.n;
        edges.set(s.key, e);
        break;
      }
      case 'goal':
        goals[s.key] = (goals[s.key] ?? 0) + s.n;
        break;
      case 'goal.score':
        scores[s.key] = (scores[s.key] ?? 0) + s.n;
        break;
      case 'conv':
        if (s.key in outcomes) outcomes[s.key as keyof typeof outcomes] += s.n;
        break;
      case 'chat':
        if (s.key in chat) chat[s.key as keyof typeof chat] += s.n;
        break;
      case 'chat.acceptHist':
        hist.set(s.key, (hist.get(s.key) ?? 0) + s.n);
        break;
      default:
        // Per-agent counters are the dashboard's.
        break;
    }
  }
  return {
    cards,
    edges: [...edges.values()].sort((a, b) => (a.from + a.port < b.from + b.port ? -1 : 1)),
    outcomes,
    goals,
    scores,
    liveChat: {
      requested: chat.requested,
      connected: chat.connected,
      missed: chat.missed,
      medianAcceptSec: medianOf(hist),
      meanAcceptSec: chat.connected ? Math.round(chat.acceptMs / chat.connected / 100) / 10 : null,
    },
  };
}

/** The median time to accept from the histogram: the upper bound of the bucket that holds the middle chat. */
export function medianOf(hist: ReadonlyMap<string, number>): number | null {
  const total = [...hist.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  let seen = 0;
  for (const b of ACCEPT_BUCKETS) {
    seen += hist.get(String(b)) ?? 0;
    if (seen * 2 >= total) return b;
  }
  return null;
}
