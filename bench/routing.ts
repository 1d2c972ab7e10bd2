import { pathToFileURL } from 'node:url';
import { createRoutingState, step } from '../shared/routing/index.ts';
import type { Routing, RoutingRule, RoutingState } from '../shared/routing/index.ts';
import { runQueueBench } from './routingQueue.ts';

/**
 * SPEC §9 routing target: an assignment decision (a visitor's request → an offer) with 1,000 agents and 10,000
 * waiting visitors costs at p99 no more than 2× the same with 10 agents and 10 visitors, and < 1 ms.
 *
 * Large workspace: 1,000 online agents in 10 teams, 10 chats each, every slot held by a waiting visitor (a pending
 * offer, so the timer heap holds 10,000 deadlines). Each sample frees one random slot (untimed: a decline that
 * ends in the fallback), then times the request that finds it — the rotation must pass over the full agents
 * between its cursor and the free one. Small workspace: 10 agents, 10 visitors, the same loop.
 * Requests cycle through round robin, team and custom-rules routing. Cases alternate in rounds so that both see
 * the same machine state.  Run: node --import tsx bench/routing.ts [--quick]  (or npm run bench -- routing)
 */

interface Case {
  name: string;
  state: RoutingState;
  agents: string[];
  teamOf: (agent: string) => string;
  /** The visitors each agent holds. */
  held: Map<string, string[]>;
  next: number;
  now: number;
  samples: number[];
  /** Agents the rotation passed over, summed over the timed decisions. */
  passed: number;
}

// The same ten teams and rules in both workspaces, so that a rules-mode request evaluates as many rules in each.
const TEAMS = 10;

function setup(name: string, agentCount: number, visitors: number): Case {
  const agents = Array.from({ length: agentCount }, (_, i) => `agent${i}`);
  const teamOf = (a: string) => `team${Number(a.slice(5)) % TEAMS}`;
  const rules: RoutingRule[] = Array.from({ length: TEAMS }, (_, t) => ({
    id: `rule${t}`,
    when: { attribute: 'region', op: 'is', value: `r${t}` },
    route: { teamId: `team${t}` },
  }));
  const state = createRoutingState({
    plan: 'prime',
    agents: agents.map((id) => ({ id, status: 'online', teams: [teamOf(id)] })),
    rules,
  });
  const held = new Map(agents.map((a) => [a, [] as string[]]));
  const c: Case = { name, state, agents, teamOf, held, next: 0, now: 0, samples: [], passed: 0 };
  for (let i = 0; i < visitors; i++) {
    const request = { type: 'request' as const, visitor: `w${c.next++}`, routing: { mode: 'roundRobin' as const } };
    const d = step(state, request, c.now).decisions[0];
    if (d.event !== 'offered') throw new Error(`setup: ${d.why}`);
    c.held.get(d.agent!)!.push(d.visitor);
  }
  return c;
}

function sample(c: Case, k: number): void {
  const agent = c.agents[Math.floor(Math.random() * c.agents.length)];
  const mine = c.held.get(agent)!;
  const freed = mine.splice(Math.floor(Math.random() * mine.length), 1)[0];
  // The virtual clock creeps forward so that no 45 s deadline falls due during the run.
  c.now += 1e-6;
  step(c.state, { type: 'decline', agent, visitor: freed }, c.now);
  const team = c.teamOf(agent);
  const routing: Routing =
    k % 3 === 0 ? { mode: 'roundRobin' } : k % 3 === 1 ? { mode: 'team', teamId: team } : { mode: 'rules' };
  const attributes = { region: `r${team.slice(4)}` };
  const event = { type: 'request' as const, visitor: `w${c.next++}`, routing, attributes };
  const t0 = process.hrtime.bigint();
  const r = step(c.state, event, c.now);
  const t1 = process.hrtime.bigint();
  c.samples.push(Number(t1 - t0) / 1e3);
  const d = r.decisions[0];
  if (d.event !== 'offered') throw new Error(`${c.name}: expected an offer, got ${d.event}: ${d.why}`);
  c.passed += (d.skipped?.length ?? 0) + (d.skippedMore ?? 0);
  c.held.get(d.agent!)!.push(d.visitor);
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface RoutingBench {
  small: { p50: number; p99: number };
  large: { p50: number; p99: number };
  ratioP99: number;
  ok: boolean;
}

/** Runs the benchmark and prints it; returns the figures (µs). */
export function runRoutingBench(samplesPerRound = 20_000, rounds = 4): RoutingBench {
  const small = setup('10 agents, 10 waiting visitors', 10, 10);
  const large = setup('1,000 agents, 10,000 waiting visitors', 1000, 10_000);
  for (const c of [small, large]) for (let k = 0; k < 5000; k++) sample(c, k); // warm-up
  for (const c of [small, large]) {
    c.samples = [];
    c.passed = 0;
  }
  for (let round = 0; round < rounds; round++) {
    for (const c of round % 2 ? [large, small] : [small, large]) for (let k = 0; k < samplesPerRound; k++) sample(c, k);
  }
  const stats = (c: Case) => {
    const s = c.samples.slice().sort((a, b) => a - b);
    return { p50: pct(s, 50), p99: pct(s, 99) };
  };
  const a = stats(small);
  const b = stats(large);
  const ratioP99 = b.p99 / a.p99;
  const ok = ratioP99 <= 2 && b.p99 < 1000;
  const fmt = (x: number) => `${x.toFixed(1)} µs`;
  console.log(`routing: assignment decision (request → offer), ${small.samples.length} samples per case`);
  const passed = (c: Case) => (c.passed / c.samples.length).toFixed(0);
  console.log(`  ${small.name.padEnd(40)} p50 ${fmt(a.p50)}  p99 ${fmt(a.p99)}  (${passed(small)} agents passed over)`);
  console.log(`  ${large.name.padEnd(40)} p50 ${fmt(b.p50)}  p99 ${fmt(b.p99)}  (${passed(large)} agents passed over)`);
  console.log(
    `  large/small: p50 ${(b.p50 / a.p50).toFixed(2)}×, p99 ${ratioP99.toFixed(2)}× (target ≤ 2×); ` +
      `large p99 ${(b.p99 / 1000).toFixed(4)} ms (target < 1 ms): ${ok ? 'met' : 'NOT met'}`,
  );
  return { small: a, large: b, ratioP99, ok };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  runRoutingBench(quick ? 5_000 : 20_000);
  runQueueBench(quick ? 2_000 : 10_000);
}
