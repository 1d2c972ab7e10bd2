import { DASHBOARD_MAX_DAYS, type Dashboard } from '../../../shared/api/dashboard.ts';
import { HttpError } from '../http/types.ts';
import { dayOf, type CounterKind } from '../store/results.ts';
import type { Store } from '../store/store.ts';
import { isoDay, type DayRange } from './range.ts';
import { medianOf } from './summary.ts';

const DEFAULT_DAYS = 30;
const KINDS: CounterKind[] = [
  'conv',
  'goal',
  'chat',
  'chat.acceptHist',
  'agent.offered',
  'agent.connected',
  'agent.missed',
  'agent.acceptMs',
  'agent.acceptHist',
];

/** The range of a dashboard: open ends filled (the last 30 days by default), at most a year and a day. */
export function dashboardDays(range: DayRange, now = Date.now()): { fromDay: number; toDay: number } {
  const toDay = range.toDay ?? (range.fromDay !== undefined ? Math.max(range.fromDay, dayOf(now)) : dayOf(now));
  const fromDay = range.fromDay ?? toDay - (DEFAULT_DAYS - 1);
  if (toDay - fromDay + 1 > DASHBOARD_MAX_DAYS)
    throw new HttpError(400, 'bad-range', `at most ${DASHBOARD_MAX_DAYS} days at once`, undefined, undefined, {
      reason: 'too-long',
    });
  return { fromDay, toDay };
}

/**
 * The dashboard's series per day, per stream (all its versions) and per agent, summed from the counters grouped by
 * day: one read whatever the number of conversations. Days with nothing counted are zeros, so every series has a
 * point on every day of the range.
 */
export async function dashboard(
  store: Pick<Store, 'results' | 'streams' | 'users'>,
  days: { fromDay: number; toDay: number },
): Promise<Dashboard> {
  const n = days.toDay - days.fromDay + 1;
  const zeros = () => new Array<number>(n).fill(0);
  const sums = await store.results.sums({ ...days, kinds: KINDS }, true);
  const streams = new Map<string, Omit<Dashboard['streams'][number], 'streamId' | 'name'>>();
  const stream = (id: string) => {
    let s = streams.get(id);
    if (!s)
      streams.set(
        id,
        (s = {
          started: zeros(),
          engaged: zeros(),
          completed: zeros(),
          goals: zeros(),
          handoff: zeros(),
          missed: zeros(),
        }),
      );
    return s;
  };
  const chat = { requested: zeros(), connected: zeros(), missed: zeros() };
  const chatHist = new Map<string, number>();
  interface AgentSums {
    offered: number[];
    connected: number[];
    missed: number[];
    acceptMs: number;
    hist: Map<string, number>;
  }
  const agents = new Map<string, AgentSums>();
  const agent = (id: string) => {
    let a = agents.get(id);
    if (!a)
      agents.set(id, (a = { offered: zeros(), connected: zeros(), missed: zeros(), acceptMs: 0, hist: new Map() }));
    return a;
  };
  const bump = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const s of sums) {
    const i = (s.day ?? days.fromDay) - days.fromDay;
    if (i < 0 || i >= n) continue;
    switch (s.kind) {
      case 'conv': {
        const st = stream(s.streamId);
        if (s.key in st) st[s.key as keyof typeof st][i] += s.n;
        break;
      }
      case 'goal':
        stream(s.streamId).goals[i] += s.n;
        break;
      case 'chat':
        if (s.key === 'requested' || s.key === 'connected' || s.key === 'missed') chat[s.key][i] += s.n;
        break;
      case 'chat.acceptHist':
        bump(chatHist, s.key, s.n);
        break;
      case 'agent.offered':
        agent(s.key).offered[i] += s.n;
        break;
      case 'agent.connected':
        agent(s.key).connected[i] += s.n;
        break;
      case 'agent.missed':
        agent(s.key).missed[i] += s.n;
        break;
      case 'agent.acceptMs':
        agent(s.key).acceptMs += s.n;
        break;
      case 'agent.acceptHist': {
        const cut = s.key.lastIndexOf('|');
        bump(agent(s.key.slice(0, cut)).hist, s.key.slice(cut + 1), s.n);
        break;
      }
      default:
        break;
    }
  }
  const streamNames = new Map((await store.streams.list()).map((s) => [s.id, s.name]));
  const userNames = new Map((await store.users.list()).map((u) => [u.id, u.name]));
  const total = (a: number[]) => a.reduce((x, y) => x + y, 0);
  return {
    from: isoDay(days.fromDay),
    to: isoDay(days.toDay),
    days: Array.from({ length: n }, (_, i) => isoDay(days.fromDay + i)),
    streams: [...streams]
      .map(([streamId, s]) => ({ streamId, name: streamNames.get(streamId) ?? streamId, ...s }))
      .sort((a, b) => total(b.started) - total(a.started) || a.name.localeCompare(b.name)),
    liveChat: { ...chat, medianAcceptSec: medianOf(chatHist) },
    agents: [...agents]
      .map(([agentId, a]) => {
        const connected = total(a.connected);
        return {
          agentId,
          name: userNames.get(agentId) ?? agentId,
          offered: a.offered,
          connected: a.connected,
          missed: a.missed,
          totals: {
            offered: total(a.offered),
            connected,
            missed: total(a.missed),
            medianAcceptSec: medianOf(a.hist),
            meanAcceptSec: connected ? Math.round(a.acceptMs / connected / 100) / 10 : null,
          },
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
