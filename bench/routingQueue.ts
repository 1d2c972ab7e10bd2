import { createRoutingState, step } from '../shared/routing/index.ts';
import type { Routing, RoutingRule, RoutingState } from '../shared/routing/index.ts';

/**
 * SPEC §9 routing target with the waiting queue: a decision with 10,000 queued visitors and 1,000 agents costs at
 * p99 no more than 2× the same with 10 agents and 10 queued visitors.
 *
 * Every agent is online and holds its 10 chats (connected), so every request waits: the queues of the round-robin
 * pool and of the 10 teams hold the queued visitors. Each sample picks a random agent and times two decisions:
 * - a request that joins the end of a queue that agent serves (round robin, its team or a rule to its team);
 * - an end of one of the agent's chats, which frees it, and the offer of the earliest-queued head among its
 *   pools (served in the same step); then (untimed) the agent accepts, so it is full again and the count holds.
 * The engine runs as the runtime runs it: a place that moves is not printed for every visitor behind (route-sim
 * does that); the runtime asks `queuePlace` (O(log n)) for the visitors it tells.
 */

interface Case {
  name: string;
  state: RoutingState;
  agents: string[];
  teamOf: (agent: string) => string;
  /** The chats each agent holds. */
  held: Map<string, string[]>;
  next: number;
  now: number;
  serve: number[];
  join: number[];
}

const TEAMS = 10;

function setup(name: string, agentCount: number, queued: number): Case {
  const agents = Array.from({ length: agentCount }, (_, i) => `agent${i}`);
  const teamOf = (a: string) => `team${Number(a.slice(5)) % TEAMS}`;
  const rules: RoutingRule[] = Array.from({ length: TEAMS }, (_, t) => ({
    id: `rule${t}`,
    when: { attribute: 'region', op: 'is', value: `r${t}` },
    route: { teamId: `team${t}` },
  }));
  const state = createRoutingState({
    plan: 'prime',
    settings: { queue: { enabled: true, maxWaitSec: 3600, maxLength: 10_000 } },
    agents: agents.map((id) => ({ id, status: 'online', teams: [teamOf(id)] })),
    rules,
  });
  const c: Case = {
    name,
    state,
    agents,
    teamOf,
    held: new Map(agents.map((a) => [a, []])),
    next: 0,
    now: 0,
    serve: [],
    join: [],
  };
  for (let i = 0; i < agentCount * 10; i++) {
    const r = step(state, { type: 'request', visitor: `c${c.next++}`, routing: { mode: 'roundRobin' } }, c.now);
    const d = r.decisions[0];
    step(state, { type: 'accept', agent: d.agent!, visitor: d.visitor }, c.now);
    c.held.get(d.agent!)!.push(d.visitor);
  }
  for (let i = 0; i < queued; i++) join(c, i, agents[i % agents.length], false);
  return c;
}

function routingFor(k: number, team: string): { routing: Routing; attributes: Record<string, string> } {
  const routing: Routing =
    k % 3 === 0 ? { mode: 'roundRobin' } : k % 3 === 1 ? { mode: 'team', teamId: team } : { mode: 'rules' };
  return { routing, attributes: { region: `r${team.slice(4)}` } };
}

/** A request that joins a queue the agent serves (round robin, its team, or a rule to its team). */
function join(c: Case, k: number, agent: string, timed: boolean): void {
  c.now += 1e-6;
  const event = { type: 'request' as const, visitor: `q${c.next++}`, ...routingFor(k, c.teamOf(agent)) };
  const t0 = process.hrtime.bigint();
  const r = step(c.state, event, c.now);
  const t1 = process.hrtime.bigint();
  if (r.decisions[0]?.event !== 'queued') throw new Error(`${c.name}: expected queued, got ${r.decisions[0]?.why}`);
  if (timed) c.join.push(Number(t1 - t0) / 1e3);
}

function serve(c: Case, agent: string): void {
  const mine = c.held.get(agent)!;
  const ended = mine.splice(Math.floor(Math.random() * mine.length), 1)[0];
  c.now += 1e-6;
  const t0 = process.hrtime.bigint();
  const r = step(c.state, { type: 'end', visitor: ended }, c.now);
  const t1 = process.hrtime.bigint();
  c.serve.push(Number(t1 - t0) / 1e3);
  const offer = r.decisions[1];
  if (offer?.event !== 'offered' || offer.waited === undefined) throw new Error(`${c.name}: no queued visitor served`);
  step(c.state, { type: 'accept', agent: offer.agent!, visitor: offer.visitor }, c.now);
  c.held.get(offer.agent!)!.push(offer.visitor);
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface QueueBench {
  serveRatioP99: number;
  joinRatioP99: number;
  ok: boolean;
}

/** Runs the queue benchmark and prints it; returns the p99 ratios. */
export function runQueueBench(samplesPerRound = 10_000, rounds = 4): QueueBench {
  const small = setup('10 agents, 10 queued visitors', 10, 10);
  const large = setup('1,000 agents, 10,000 queued visitors', 1000, 10_000);
  const cycle = (c: Case, k: number) => {
    const agent = c.agents[Math.floor(Math.random() * c.agents.length)];
    join(c, k, agent, true);
    serve(c, agent);
  };
  for (const c of [small, large]) for (let k = 0; k < 3000; k++) cycle(c, k); // warm-up
  for (const c of [small, large]) {
    c.serve = [];
    c.join = [];
  }
  for (let round = 0; round < rounds; round++) {
    for (const c of round % 2 ? [large, small] : [small, large]) for (let k = 0; k < samplesPerRound; k++) cycle(c, k);
  }
  const stats = (xs: number[]) => {
    const s = xs.slice().sort((a, b) => a - b);
    return { p50: pct(s, 50), p99: pct(s, 99) };
  };
  const fmt = (x: number) => `${x.toFixed(1)} µs`;
  const queuedNow = (c: Case) => [...c.state.queues.values()].reduce((n, q) => n + q.length, 0);
  console.log(`routing: waiting queue, ${small.serve.length} samples per decision and case`);
  const ratios: number[] = [];
  for (const [what, pick] of [
    ['end → earliest queued head offered', (c: Case) => c.serve],
    ['request → queued at the end', (c: Case) => c.join],
  ] as const) {
    const a = stats(pick(small));
    const b = stats(pick(large));
    ratios.push(b.p99 / a.p99);
    console.log(`  ${what}`);
    console.log(`    ${small.name.padEnd(40)} p50 ${fmt(a.p50)}  p99 ${fmt(a.p99)}  (${queuedNow(small)} queued)`);
    console.log(`    ${large.name.padEnd(40)} p50 ${fmt(b.p50)}  p99 ${fmt(b.p99)}  (${queuedNow(large)} queued)`);
    console.log(
      `    large/small: p50 ${(b.p50 / a.p50).toFixed(2)}×, p99 ${(b.p99 / a.p99).toFixed(2)}× (target ≤ 2×)`,
    );
  }
  const ok = ratios.every((r) => r <= 2);
  console.log(`  waiting queue target: ${ok ? 'met' : 'NOT met'}`);
  return { serveRatioP99: ratios[0], joinRatioP99: ratios[1], ok };
}
