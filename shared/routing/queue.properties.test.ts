import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parseScenario.ts';
import { runScenario, type Scenario } from './scenario.ts';
import { step } from './engine.ts';
import { nextTimerAt, pendingVisitorTimers } from './queries.ts';
import { createRoutingState } from './state.ts';
import type { Decision, RoutingEvent } from './types.ts';

// Random scenarios with every mode, the queue, transfers and visitors who leave, checked after every step against
// the rules of SPEC §4 that the queue and transfers must keep.

const AGENTS = ['a0', 'a1', 'a2', 'a3'];
const VISITORS = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7'];
const TEAMS = ['t0', 't1'];

const routing = fc.oneof(
  fc.constant({ mode: 'roundRobin' }),
  fc.constant({ mode: 'balanced' }),
  fc.constant({ mode: 'rules' }),
  fc.constantFrom(...AGENTS).map((agentId) => ({ mode: 'agent', agentId })),
  fc
    .tuple(fc.constantFrom(...TEAMS), fc.constantFrom(undefined, 'balanced'))
    .map(([teamId, strategy]) => (strategy ? { mode: 'team', teamId, strategy } : { mode: 'team', teamId })),
);
const at = fc.integer({ min: 0, max: 80 });
const visitor = fc.constantFrom(...VISITORS);
const agent = fc.constantFrom(...AGENTS);
const event = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({ at: fc.integer({ min: 0, max: 30 }), type: fc.constant('request'), visitor, routing }),
  },
  { weight: 4, arbitrary: fc.record({ at, type: fc.constantFrom('accept', 'decline'), agent, visitor }) },
  { weight: 2, arbitrary: fc.record({ at, type: fc.constantFrom('end', 'left'), visitor }) },
  {
    weight: 2,
    arbitrary: fc.record({ at, type: fc.constant('status'), agent, status: fc.constantFrom('online', 'away') }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      at,
      type: fc.constant('transfer'),
      agent,
      visitor,
      to: fc.oneof(
        agent.map((agentId) => ({ agentId })),
        fc.constantFrom(...TEAMS).map((teamId) => ({ teamId })),
      ),
    }),
  },
);

const bare = fc
  .record({
    plan: fc.constantFrom('select', 'prime'),
    settings: fc.record({
      acceptTimeoutSec: fc.integer({ min: 5, max: 20 }),
      maxChatsPerAgent: fc.constantFrom(1, 1, 2),
      trialEngagementLimit: fc.constant(1000),
      fallbackToRoundRobin: fc.boolean(),
      queue: fc.record({
        enabled: fc.constant(true),
        maxWaitSec: fc.integer({ min: 10, max: 40 }),
        maxLength: fc.integer({ min: 1, max: 4 }),
      }),
    }),
    agents: fc.uniqueArray(
      fc.record({
        id: agent,
        status: fc.constantFrom('online', 'online', 'away'),
        teams: fc.subarray(TEAMS),
      }),
      { minLength: 1, maxLength: 4, selector: (a) => a.id },
    ),
    rules: fc.constant([{ id: 'r', when: { attribute: 'k', op: 'is', value: '' }, route: { teamId: 't0' } }]),
    events: fc.array(event, { maxLength: 50 }),
  })
  .map((raw) => {
    const r = parseScenario(raw);
    if (!r.ok) throw new Error(r.error);
    return r.scenario;
  });

/**
 * Random agents rarely answer the offer they hold, so answers are aimed: run the scenario, then add accepts,
 * declines, transfers and ends for the offers and chats it made, three times, so that queues fill and drain.
 */
const answer = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('accept', 'accept', 'accept', 'decline', 'end', 'left', 'transfer'),
  delay: fc.integer({ min: 0, max: 25 }),
  to: fc.oneof(
    agent.map((agentId) => ({ agentId })),
    fc.constantFrom(...TEAMS).map((teamId) => ({ teamId })),
  ),
});
const scenario = fc
  .tuple(bare, fc.array(fc.array(answer, { maxLength: 10 }), { minLength: 3, maxLength: 3 }))
  .map(([s, rounds]) => {
    let out = s;
    for (const answers of rounds) {
      const decided = runScenario(out).decisions.filter((d) => d.event === 'offered' || d.event === 'connected');
      if (!decided.length) break;
      const added = answers.map(({ pick, kind, delay, to }) => {
        const d = decided[pick % decided.length];
        const at = d.at + delay;
        if (kind === 'end' || kind === 'left') return { at, type: kind, visitor: d.visitor };
        if (d.event === 'connected' || kind === 'transfer') {
          return { at, type: 'transfer' as const, agent: d.agent!, visitor: d.visitor, to };
        }
        return { at, type: kind, agent: d.agent!, visitor: d.visitor };
      });
      out = { ...out, events: [...out.events, ...(added as Scenario['events'])] };
    }
    return out;
  });

/** Every queued visitor's wait ends exactly once: offered from the queue, a fallback, or ended while waiting. */
function eachWaitEndsOnce(s: Scenario): void {
  const waiting = new Map<string, string>();
  runScenario(s, ({ decisions }) => {
    for (const d of decisions) {
      if (d.event === 'queued') {
        if (waiting.has(d.visitor)) expect(waiting.get(d.visitor), 'a visitor waits in one queue').toBe(d.pool);
        else waiting.set(d.visitor, d.pool!);
        continue;
      }
      if (!waiting.has(d.visitor)) continue;
      const ends =
        (d.event === 'offered' && d.waited !== undefined) ||
        d.event === 'fallback' ||
        (d.event === 'ended' && d.agent === undefined);
      expect(ends, `${d.visitor} waits in a queue and gets ${d.event}`).toBe(true);
      waiting.delete(d.visitor);
    }
  });
  expect([...waiting.keys()], 'visitors still waiting after the run').toEqual([]);
}

/** Replays the scenario step by step and checks the engine's own state after every step. */
function replay(s: Scenario): void {
  const state = createRoutingState({ ...s, clockOrigin: Date.parse(s.startsAt) / 1000 }, { reportPositions: true });
  const max = s.settings.maxChatsPerAgent;
  const invariants = (decisions: Decision[]) => {
    for (const a of state.agents.values()) {
      expect(a.chats.size + a.offers.size, `capacity of ${a.id}`).toBeLessThanOrEqual(max);
    }
    for (const [label, queue] of state.queues) {
      const pool = label === 'round robin' ? state.roundRobin : state.teams.get(label.slice(5));
      const free = pool ? pool.eligibleCount > 0 : state.agents.get(label.slice(6))?.eligible;
      expect(free, `${label} has a visitor waiting while one of its agents is free`).toBeFalsy();
      let previous = -1;
      for (const r of queue.from(1)) {
        expect(r.queue!.seq, `FIFO in ${label}`).toBeGreaterThan(previous);
        previous = r.queue!.seq;
      }
    }
    for (const d of decisions) {
      if (d.event !== 'offered' || d.waited === undefined) continue;
      const queue = state.queues.get(d.pool!);
      for (const r of queue?.from(1) ?? []) {
        expect(r.queue!.since, `${d.visitor} was served before an earlier visitor of ${d.pool}`).toBeGreaterThanOrEqual(
          d.at - d.waited,
        );
      }
    }
    for (const r of state.visitors.values()) {
      if (r.phase !== 'connected') continue;
      const holder = state.agents.get(r.agent!);
      expect(holder?.chats.has(r.visitor), `${r.visitor}'s chat has an agent`).toBe(true);
    }
  };
  const events = s.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  for (const { e } of events) {
    const { at: now, ...ev } = e;
    invariants(step(state, ev as RoutingEvent, now).decisions);
  }
  while (pendingVisitorTimers(state) > 0) invariants(step(state, { type: 'tick' }, nextTimerAt(state)!).decisions);
  expect(state.queues.size, 'the clock runs until every queue is empty').toBe(0);
}

describe('routing properties with the queue and transfers', () => {
  it('keeps capacity, FIFO, no waiting beside a free agent, one ending per queued visitor, an agent per chat', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        eachWaitEndsOnce(s);
        replay(s);
      }),
      { numRuns: 300 },
    );
  });
});
