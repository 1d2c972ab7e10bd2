import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parseScenario.ts';
import { runScenario, type Scenario, type ScenarioStep } from './scenario.ts';

// Random scenarios against an independent model built from the decisions alone (SPEC §4 invariants).

const AGENTS = ['a0', 'a1', 'a2', 'a3', 'a4'];
const VISITORS = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const TEAMS = ['t0', 't1'];

const routing = fc.oneof(
  fc.constant({ mode: 'roundRobin' }),
  fc.constant({ mode: 'rules' }),
  fc.constantFrom(...AGENTS, 'ghost').map((agentId) => ({ mode: 'agent', agentId })),
  fc.constantFrom(...TEAMS, 'nowhere').map((teamId) => ({ mode: 'team', teamId })),
);

const at = fc.integer({ min: 0, max: 60 });
const event = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      at,
      type: fc.constant('request'),
      visitor: fc.constantFrom(...VISITORS),
      routing,
      attributes: fc.record({ k: fc.constantFrom('x', 'y', '') }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      at,
      type: fc.constantFrom('accept', 'decline'),
      agent: fc.constantFrom(...AGENTS),
      visitor: fc.constantFrom(...VISITORS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ at, type: fc.constant('end'), visitor: fc.constantFrom(...VISITORS) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      at,
      type: fc.constant('status'),
      agent: fc.constantFrom(...AGENTS),
      status: fc.constantFrom('online', 'online', 'away', 'offline'),
    }),
  },
);

/** Workspace changes the runtime sends while visitors wait. */
const change = fc.oneof(
  fc.record(
    {
      at,
      type: fc.constant('agent'),
      agent: fc.constantFrom(...AGENTS, 'a5'),
      liveChat: fc.boolean(),
      status: fc.constantFrom('online', 'away', 'offline'),
      teams: fc.subarray(TEAMS),
    },
    { requiredKeys: ['at', 'type', 'agent'] },
  ),
  fc.record({ at, type: fc.constant('agentRemoved'), agent: fc.constantFrom(...AGENTS) }),
  fc.record({
    at,
    type: fc.constant('settings'),
    settings: fc.record(
      { maxChatsPerAgent: fc.integer({ min: 1, max: 3 }), acceptTimeoutSec: fc.integer({ min: 5, max: 20 }) },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ at, type: fc.constant('plan'), plan: fc.constantFrom('select', 'prime', 'ultimate') }),
);

const rule = fc.record({
  id: fc.constantFrom('r0', 'r1', 'r2'),
  when: fc.oneof(
    fc.constantFrom('x', 'y').map((value) => ({ attribute: 'k', op: 'is', value })),
    fc
      .constantFrom(undefined, ...TEAMS)
      .map((teamId) => (teamId ? { agentsAvailable: true, teamId } : { agentsAvailable: true })),
  ),
  route: fc.oneof(
    fc.constantFrom(...AGENTS, 'ghost').map((agentId) => ({ agentId })),
    fc.constantFrom(...TEAMS, 'nowhere').map((teamId) => ({ teamId })),
  ),
});

const bare = fc
  .record({
    plan: fc.constantFrom('select', 'prime', 'ultimate'),
    settings: fc.record({
      acceptTimeoutSec: fc.integer({ min: 5, max: 20 }),
      maxChatsPerAgent: fc.integer({ min: 1, max: 3 }),
      trialEngagementLimit: fc.integer({ min: 0, max: 6 }),
    }),
    engagementsUsed: fc.integer({ min: 0, max: 3 }),
    agents: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...AGENTS),
        liveChat: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        status: fc.constantFrom('online', 'online', 'away', 'offline'),
        teams: fc.subarray(TEAMS),
      }),
      { minLength: 1, maxLength: 5, selector: (a) => a.id },
    ),
    teams: fc.subarray(TEAMS.map((id) => ({ id }))),
    rules: fc.uniqueArray(rule, { maxLength: 3, selector: (r) => r.id }),
    events: fc.array(fc.oneof({ weight: 12, arbitrary: event }, { weight: 1, arbitrary: change }), { maxLength: 40 }),
  })
  .map((raw) => {
    const r = parseScenario(raw);
    if (!r.ok) throw new Error(r.error);
    return r.scenario;
  });

/**
 * Random agents rarely answer the offer they actually hold, so answers are aimed: run the scenario, then add
 * accepts, declines and ends for offers it made (some late on purpose), twice, so chats also get ended.
 */
const answer = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('accept', 'accept', 'decline', 'end'),
  delay: fc.integer({ min: 0, max: 25 }),
});
const scenario = fc
  .tuple(bare, fc.array(answer, { maxLength: 12 }), fc.array(answer, { maxLength: 8 }))
  .map(([s, first, second]) => {
    let out = s;
    for (const answers of [first, second]) {
      const decided = runScenario(out).decisions.filter((d) => d.event === 'offered' || d.event === 'connected');
      if (!decided.length) break;
      const added = answers.map(({ pick, kind, delay }) => {
        const d = decided[pick % decided.length];
        const at = d.at + delay;
        return kind === 'end' || d.event === 'connected'
          ? { at, type: 'end' as const, visitor: d.visitor }
          : { at, type: kind as 'accept' | 'decline', agent: d.agent!, visitor: d.visitor };
      });
      out = { ...out, events: [...out.events, ...added] };
    }
    return out;
  });

/** Replays the decisions against a model of agents and visitors, failing on any broken rule. */
function check(s: Scenario): void {
  let { maxChatsPerAgent: max, acceptTimeoutSec: timeout } = s.settings;
  let plan = s.plan;
  const agent = new Map(s.agents.map((a) => [a.id, { ...a, load: 0 }]));
  const pending = new Map<string, { agent: string; due: number }>();
  const chats = new Map<string, string>();
  const lastLapse = new Map<string, string>();
  let connected = 0;
  const onStep = ({ event, decisions }: ScenarioStep) => {
    for (const d of decisions) {
      const held = pending.get(d.visitor);
      switch (d.event) {
        case 'offered': {
          const a = agent.get(d.agent!)!;
          expect(held, 'one offer at a time').toBeUndefined();
          expect(chats.has(d.visitor), 'no offer during a chat').toBe(false);
          expect(a.liveChat && a.status === 'online' && a.load < max, `offer to ineligible ${a.id}`).toBe(true);
          if (event.type === 'agentRemoved') expect(d.agent).not.toBe(event.agent);
          if (d.retry) expect(d.agent).not.toBe(lastLapse.get(d.visitor));
          a.load++;
          pending.set(d.visitor, { agent: a.id, due: d.at + timeout });
          if (plan === 'select')
            expect(s.engagementsUsed + connected + pending.size).toBeLessThanOrEqual(s.settings.trialEngagementLimit);
          break;
        }
        case 'connected':
          expect(held?.agent).toBe(d.agent);
          pending.delete(d.visitor);
          chats.set(d.visitor, d.agent!);
          connected++;
          break;
        case 'timeout':
        case 'declined':
          if (d.event === 'timeout') expect(d.at).toBe(held!.due);
          expect(held?.agent).toBe(d.agent);
          pending.delete(d.visitor);
          agent.get(d.agent!)!.load--;
          lastLapse.set(d.visitor, d.agent!);
          break;
        case 'ended': {
          const holder = held?.agent ?? chats.get(d.visitor);
          expect(holder).toBe(d.agent);
          pending.delete(d.visitor);
          chats.delete(d.visitor);
          agent.get(d.agent!)!.load--;
          break;
        }
        case 'fallback':
          expect(held).toBeUndefined();
          expect(chats.has(d.visitor)).toBe(false);
          break;
      }
    }
    // Workspace events decide nothing themselves (a removal's decisions are checked above); apply them after.
    if (event.type === 'status' && agent.has(event.agent)) agent.get(event.agent)!.status = event.status;
    if (event.type === 'agent') {
      const a = agent.get(event.agent) ?? {
        id: event.agent,
        liveChat: true,
        status: 'offline' as const,
        teams: [],
        load: 0,
      };
      agent.set(event.agent, {
        ...a,
        ...Object.fromEntries(
          Object.entries(event).filter(([k, v]) => k !== 'type' && k !== 'agent' && v !== undefined),
        ),
      });
    }
    if (event.type === 'agentRemoved' && agent.has(event.agent)) {
      expect(agent.get(event.agent)!.load, 'a removed agent holds nothing').toBe(0);
      agent.delete(event.agent);
    }
    if (event.type === 'settings')
      ({ maxChatsPerAgent: max = max, acceptTimeoutSec: timeout = timeout } = event.settings);
    if (event.type === 'plan') plan = event.plan;
  };
  runScenario(s, onStep);
  expect([...pending.keys()], 'every offer ends').toEqual([]);
}

describe('routing properties', () => {
  it('keeps every rule of SPEC §4 on random scenarios', () => {
    fc.assert(fc.property(scenario, check), { numRuns: 1000 });
  });

  it('decides the same for the same scenario, also after a JSON round trip', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const again = parseScenario(JSON.parse(JSON.stringify(s)));
        expect(again.ok).toBe(true);
        expect(runScenario(s)).toEqual(runScenario(s));
        if (again.ok) expect(runScenario(again.scenario)).toEqual(runScenario(s));
      }),
      { numRuns: 300 },
    );
  });
});
