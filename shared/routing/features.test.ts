import { describe, expect, it } from 'vitest';
import { step } from './engine.ts';
import { parseScenario } from './parseScenario.ts';
import { queuePlace, queues, visitorRecord } from './queries.ts';
import { runScenario } from './scenario.ts';
import { createRoutingState } from './state.ts';
import type { Decision } from './types.ts';

function run(raw: Record<string, unknown>): Decision[] {
  const parsed = parseScenario({ plan: 'prime', ...raw });
  if (!parsed.ok) throw new Error(parsed.error);
  return runScenario(parsed.scenario).decisions;
}
const brief = (ds: Decision[]) =>
  ds.map((d) => [d.at, d.visitor, d.event, d.agent ?? d.reason ?? d.position].filter((x) => x !== undefined).join(' '));
const rr = { mode: 'roundRobin' };
const req = (at: number, visitor: string, routing: object = rr) => ({ at, type: 'request', visitor, routing });

describe('balanced assignment', () => {
  it('offers the agent with the fewest chats, ties to the longest idle, then the listed order; moves no cursor', () => {
    const agents = ['ann', 'bea', 'cal'].map((id) => ({ id, status: 'online', teams: ['t'] }));
    const ds = run({
      agents,
      events: [
        req(0, 'v1', { mode: 'balanced' }),
        { at: 1, type: 'accept', agent: 'ann', visitor: 'v1' },
        req(2, 'v2', { mode: 'team', teamId: 't', strategy: 'balanced' }),
        { at: 3, type: 'end', visitor: 'v1' },
        req(4, 'v3', { mode: 'balanced' }),
        req(5, 'v4', rr),
      ],
    });
    expect(brief(ds.filter((d) => d.event === 'offered' && d.at < 10))).toEqual([
      '0 v1 offered ann',
      '2 v2 offered bea',
      // ann and cal hold nothing; cal has been idle since 0, ann only since 3.
      '4 v3 offered cal',
      // Balanced offers moved no cursor: round robin starts at the first agent.
      '5 v4 offered ann',
    ]);
    expect(ds.find((d) => d.visitor === 'v3' && d.event === 'offered')!.why).toMatch(
      /^round robin, balanced: offered to cal \(holds 0 chats, idle since t=0s\); then ann holds 0 \(idle since t=3s\)/,
    );
  });
});

describe('waiting queue', () => {
  const settings = { maxChatsPerAgent: 1, queue: { enabled: true, maxWaitSec: 60, maxLength: 3 } };
  const agents = [
    { id: 'ann', status: 'online', teams: ['sales'] },
    { id: 'bob', status: 'online' },
  ];

  it('serves the earliest queued visitor an agent could take first, across pools, and never a later request', () => {
    const ds = run({
      settings,
      agents,
      events: [
        req(0, 'v1'),
        req(0, 'v2'),
        req(1, 'q1', { mode: 'team', teamId: 'sales' }),
        req(2, 'q2'),
        req(3, 'q3', { mode: 'team', teamId: 'sales' }),
        { at: 10, type: 'end', visitor: 'v2' },
        { at: 11, type: 'end', visitor: 'v1' },
      ],
    });
    expect(brief(ds)).toEqual([
      '0 v1 offered ann',
      '0 v2 offered bob',
      '1 q1 queued 1',
      '2 q2 queued 1',
      '3 q3 queued 2',
      '10 v2 ended bob',
      // bob is not in sales: only the round-robin queue may take him.
      '10 q2 offered bob',
      '11 v1 ended ann',
      '11 q1 offered ann',
      '11 q3 queued 1',
      '55 q2 timeout bob',
      '55 q2 fallback accept-timeout',
      '56 q1 timeout ann',
      '56 q1 fallback accept-timeout',
      // ann free again: the sales queue's head.
      '56 q3 offered ann',
      '101 q3 timeout ann',
      '101 q3 fallback accept-timeout',
    ]);
  });

  it('ends in queue-full, queue-timeout, or ended when the visitor ends while waiting; no one available: fallback', () => {
    const ds = run({
      settings: { ...settings, queue: { enabled: true, maxWaitSec: 30, maxLength: 1 } },
      agents,
      events: [
        req(0, 'v1'),
        req(0, 'v2'),
        req(1, 'q1'),
        req(2, 'q2'),
        { at: 3, type: 'end', visitor: 'q1' },
        req(4, 'q3'),
        { at: 5, type: 'accept', agent: 'ann', visitor: 'v1' },
        { at: 5, type: 'accept', agent: 'bob', visitor: 'v2' },
        { at: 6, type: 'status', agent: 'ann', status: 'away' },
        { at: 6, type: 'status', agent: 'bob', status: 'away' },
        req(7, 'q4'),
      ],
    });
    expect(brief(ds.filter((d) => d.visitor.startsWith('q')))).toEqual([
      '1 q1 queued 1',
      '2 q2 fallback queue-full',
      '3 q1 ended',
      '4 q3 queued 1',
      '7 q4 fallback no-eligible-agent',
      '34 q3 fallback queue-timeout',
    ]);
  });

  it('prints a further queued line when a place moves, and gives up the place when the visitor leaves', () => {
    const ds = run({
      settings,
      agents: [{ id: 'ann', status: 'online' }],
      events: [req(0, 'v1'), req(1, 'q1'), req(2, 'q2'), req(3, 'q3'), { at: 4, type: 'left', visitor: 'q1' }],
    });
    expect(brief(ds.filter((d) => d.at === 4))).toEqual(['4 q1 ended visitor-left', '4 q2 queued 1', '4 q3 queued 2']);
  });

  it('tells a visitor its place, lists who waits, and restores the queue in order after a restart', () => {
    const ws = { plan: 'prime' as const, settings, agents: [{ id: 'ann', status: 'online' as const }] };
    const s = createRoutingState(ws);
    step(s, { type: 'request', visitor: 'v1', routing: { mode: 'roundRobin' } }, 0);
    step(s, { type: 'request', visitor: 'q1', routing: { mode: 'roundRobin' } }, 1);
    step(s, { type: 'request', visitor: 'q2', routing: { mode: 'roundRobin' } }, 2);
    expect(queuePlace(s, 'q2')).toMatchObject({ pool: 'round robin', position: 2, length: 2, since: 2, available: 1 });
    expect(queues(s)).toEqual([
      {
        pool: 'round robin',
        visitors: [
          { visitor: 'q1', since: 1 },
          { visitor: 'q2', since: 2 },
        ],
      },
    ]);
    const stored = ['v1', 'q2', 'q1'].map((v) => visitorRecord(s, v)!);
    const restarted = createRoutingState(ws);
    stored.sort((a, b) => (a.queue?.seq ?? -1) - (b.queue?.seq ?? -1));
    for (const record of JSON.parse(JSON.stringify(stored))) step(restarted, { type: 'restore', record }, 5);
    expect(queuePlace(restarted, 'q1')?.position).toBe(1);
    const r = step(restarted, { type: 'end', visitor: 'v1' }, 6);
    expect(brief(r.decisions)).toEqual(['6 v1 ended ann', '6 q1 offered ann']);
    expect(r.queues).toEqual(['round robin']);
    // q1's offer lapses at 51 and frees ann for q2; q2's own deadline (2 + 60) was kept across the restart.
    step(restarted, { type: 'status', agent: 'ann', status: 'away' }, 7);
    expect(brief(step(restarted, { type: 'tick' }, 62).decisions)).toEqual([
      '51 q1 timeout ann',
      '51 q1 fallback accept-timeout',
      '62 q2 fallback queue-timeout',
    ]);
  });
});

describe('fallback to round robin', () => {
  it('tries every live-chat agent when a team or a rule finds nobody, not when no rule matched', () => {
    const ds = run({
      settings: { fallbackToRoundRobin: true },
      agents: [
        { id: 'ann', teams: ['sales'], status: 'away' },
        { id: 'cat', status: 'online' },
      ],
      rules: [{ id: 'r', when: { attribute: 'k', op: 'is', value: 'x' }, route: { teamId: 'sales' } }],
      events: [
        req(0, 'v1', { mode: 'team', teamId: 'sales' }),
        { at: 0, type: 'request', visitor: 'v2', routing: { mode: 'rules' }, attributes: { k: 'y' } },
        { at: 1, type: 'accept', agent: 'cat', visitor: 'v1' },
      ],
    });
    expect(ds[0]).toMatchObject({ event: 'offered', agent: 'cat', fallbackToRoundRobin: true });
    expect(ds[1]).toMatchObject({ event: 'fallback', reason: 'no-rule-matched' });
  });
});

describe('schedules and business hours', () => {
  const mon = (from: string, to: string) => [{ day: 'mon', from, to }];
  it('makes an agent available inside a block; a choice holds until the next boundary', () => {
    const ds = run({
      startsAt: '2026-01-05T08:00:00Z',
      agents: [{ id: 'ann', schedule: { timeZone: 'UTC', blocks: mon('09:00', '10:00') } }],
      events: [
        req(0, 'v1'),
        { at: 10, type: 'status', agent: 'ann', status: 'online' },
        req(20, 'v2'),
        { at: 21, type: 'end', visitor: 'v2' },
        // 09:00: the choice lapses, the block makes ann online anyway.
        { at: 3700, type: 'status', agent: 'ann', status: 'away' },
        req(3710, 'v3'),
        // 10:00: the block ends, the choice lapses: offline.
        req(7201, 'v4'),
      ],
    });
    expect(brief(ds.filter((d) => d.event !== 'ended'))).toEqual([
      '0 v1 fallback no-eligible-agent',
      '20 v2 offered ann',
      '3710 v3 fallback no-eligible-agent',
      '7201 v4 fallback no-eligible-agent',
    ]);
    expect(ds.at(-1)!.why).toContain('ann (offline)');
    expect(ds.find((d) => d.visitor === 'v3')!.why).toContain('ann (away)');
  });

  it('gives outside-hours outside the workspace business hours, in their time zone', () => {
    const ds = run({
      startsAt: '2026-01-05T07:59:00Z',
      businessHours: { timeZone: 'Europe/Berlin', blocks: mon('09:00', '17:00') },
      agents: [{ id: 'ann', status: 'online' }],
      events: [req(0, 'v1'), req(60, 'v2')],
    });
    expect(brief(ds.slice(0, 2))).toEqual(['0 v1 fallback outside-hours', '60 v2 offered ann']);
  });

  it('refuses overlapping or inverted blocks and unknown time zones, naming the field', () => {
    const bad = (schedule: object) =>
      parseScenario({ plan: 'select', agents: [{ id: 'a', schedule }] }) as { ok: false; error: string };
    expect(bad({ timeZone: 'Mars/Base', blocks: [] }).error).toMatch(/^agents\[0\]\.schedule\.timeZone: unknown/);
    expect(bad({ timeZone: 'UTC', blocks: mon('10:00', '09:00') }).error).toBe(
      'agents[0].schedule.blocks[0].to: must be later than from',
    );
    expect(bad({ timeZone: 'UTC', blocks: [...mon('09:00', '12:00'), ...mon('11:00', '13:00')] }).error).toBe(
      'agents[0].schedule.blocks[1]: overlaps blocks[0]',
    );
  });
});

describe('transfer', () => {
  const agents = [
    { id: 'ann', status: 'online', teams: ['t'] },
    { id: 'bob', status: 'online', teams: ['t'] },
  ];
  const connected = [
    req(0, 'v1', { mode: 'agent', agentId: 'ann' }),
    { at: 1, type: 'accept', agent: 'ann', visitor: 'v1' },
  ];
  it('keeps the chat with the sender until the target accepts; both loads are right at every moment', () => {
    const s = createRoutingState({ plan: 'prime', agents: agents.map((a) => ({ ...a, status: 'online' as const })) });
    step(s, { type: 'request', visitor: 'v1', routing: { mode: 'agent', agentId: 'ann' } }, 0);
    step(s, { type: 'accept', agent: 'ann', visitor: 'v1' }, 1);
    const t = step(s, { type: 'transfer', agent: 'ann', visitor: 'v1', to: { teamId: 't' }, note: 'invoice' }, 2);
    expect(t.decisions[0]).toMatchObject({
      event: 'offered',
      agent: 'bob',
      transfer: true,
      from: 'ann',
      note: 'invoice',
    });
    expect([s.agents.get('ann')!.load, s.agents.get('bob')!.load]).toEqual([1, 1]);
    expect(visitorRecord(s, 'v1')!.agent).toBe('ann');
    const a = step(s, { type: 'accept', agent: 'bob', visitor: 'v1' }, 3);
    expect(a.decisions[0]).toMatchObject({ event: 'connected', agent: 'bob', transfer: true, from: 'ann' });
    expect([s.agents.get('ann')!.load, s.agents.get('bob')!.load]).toEqual([0, 1]);
  });

  it('a decline or a timeout says transfer-failed naming the sender; an end withdraws it with one ended', () => {
    const ds = run({
      settings: { acceptTimeoutSec: 10 },
      agents,
      events: [
        ...connected,
        { at: 2, type: 'transfer', agent: 'ann', visitor: 'v1', to: { agentId: 'bob' } },
        { at: 3, type: 'decline', agent: 'bob', visitor: 'v1' },
        { at: 4, type: 'transfer', agent: 'ann', visitor: 'v1', to: { agentId: 'bob' } },
        { at: 20, type: 'transfer', agent: 'ann', visitor: 'v1', to: { agentId: 'bob' } },
        { at: 21, type: 'end', visitor: 'v1' },
      ],
    });
    expect(brief(ds.slice(2))).toEqual([
      '2 v1 offered bob',
      '3 v1 declined bob',
      '3 v1 transfer-failed ann',
      '4 v1 offered bob',
      '14 v1 timeout bob',
      '14 v1 transfer-failed ann',
      '20 v1 offered bob',
      '21 v1 ended ann',
    ]);
  });

  it('refuses a transfer to oneself, to an unknown or ineligible target, or of a chat one does not hold', () => {
    const parsed = parseScenario({
      plan: 'prime',
      agents: [...agents, { id: 'cat', status: 'away' }, { id: 'dan', status: 'online', liveChat: false }],
      events: [
        ...connected,
        ...[
          { agentId: 'ann' },
          { agentId: 'ghost' },
          { teamId: 'nowhere' },
          { agentId: 'cat' },
          { agentId: 'dan' },
        ].map((to) => ({ at: 2, type: 'transfer', agent: 'ann', visitor: 'v1', to })),
        { at: 2, type: 'transfer', agent: 'bob', visitor: 'v1', to: { agentId: 'ann' } },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const { decisions, notes } = runScenario(parsed.scenario);
    expect(decisions.filter((d) => d.at === 2)).toEqual([]);
    expect(notes.map((n) => n.text)).toEqual([
      'transfer refused: an agent cannot transfer a chat to themselves',
      'transfer refused: agent ghost is unknown',
      'transfer refused: team nowhere is unknown',
      'transfer refused: agent cat is not eligible (away)',
      'transfer refused: agent dan is not eligible (no live-chat permission)',
      'transfer refused: bob holds no open chat with v1',
    ]);
  });
});

describe('visitors who leave, and rate limits', () => {
  it('withdraws a pending offer when the visitor leaves; a rate-limited request gets the fallback', () => {
    const s = createRoutingState({ plan: 'prime', agents: [{ id: 'ann', status: 'online' }] });
    step(s, { type: 'request', visitor: 'v1', routing: { mode: 'roundRobin' } }, 0);
    expect(step(s, { type: 'left', visitor: 'v1' }, 5).decisions[0]).toMatchObject({
      event: 'ended',
      agent: 'ann',
      reason: 'visitor-left',
    });
    const limited = step(s, { type: 'request', visitor: 'v2', routing: { mode: 'roundRobin' }, rateLimited: true }, 6);
    expect(limited.decisions[0]).toMatchObject({ event: 'fallback', reason: 'rate-limited' });
    expect(s.agents.get('ann')!.load).toBe(0);
  });
});
