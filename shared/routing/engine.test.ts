import { describe, expect, it } from 'vitest';
import {
  agentsAvailable,
  agentView,
  createRoutingState,
  nextTimerAt,
  step,
  trialUsage,
  visitorRecord,
} from './index.ts';
import type { RoutingWorkspace } from './index.ts';

// The runtime's side of the engine: timers, records, workspace events and restore.

const ws = (extra: Partial<RoutingWorkspace> = {}): RoutingWorkspace => ({
  plan: 'prime',
  agents: [
    { id: 'ann', status: 'online', teams: ['sales'] },
    { id: 'bob', status: 'online', teams: ['sales'] },
  ],
  ...extra,
});
const rr = { mode: 'roundRobin' } as const;
const sales = { mode: 'team', teamId: 'sales' } as const;

describe('routing engine: timers', () => {
  it('arms a timer per offer, cancels it on accept, and fires due timers at their due time', () => {
    const s = createRoutingState(ws());
    const offered = step(s, { type: 'request', visitor: 'v1', routing: rr }, 100);
    expect(offered.timers.arm).toEqual([{ offer: 'v1#1', kind: 'offer', visitor: 'v1', agent: 'ann', dueAt: 145 }]);
    step(s, { type: 'request', visitor: 'v2', routing: rr }, 101);
    expect(nextTimerAt(s)).toBe(145);
    const accepted = step(s, { type: 'accept', agent: 'ann', visitor: 'v1' }, 102);
    expect(accepted.timers.cancel).toEqual(['v1#1']);
    expect(nextTimerAt(s)).toBe(146);
    // The runtime's timer fires late: the decision still carries the due time.
    const fired = step(s, { type: 'tick' }, 146.08);
    expect(fired.decisions.map((d) => [d.at, d.event, d.agent ?? d.reason])).toEqual([
      [146, 'timeout', 'bob'],
      [146, 'fallback', 'accept-timeout'],
    ]);
    expect(fired.timers.cancel).toEqual(['v2#1']);
    expect(nextTimerAt(s)).toBeUndefined();
  });

  it('starts the retry offer’s timer at the lapse', () => {
    const s = createRoutingState(ws());
    step(s, { type: 'request', visitor: 'v1', routing: sales }, 0);
    const r = step(s, { type: 'tick' }, 45);
    expect(r.timers.arm).toEqual([{ offer: 'v1#2', kind: 'offer', visitor: 'v1', agent: 'bob', dueAt: 90 }]);
  });
});

describe('routing engine: records', () => {
  it('returns the touched visitors’ records, and forgets a visitor once closed', () => {
    const s = createRoutingState(ws());
    const a = step(s, { type: 'request', visitor: 'v1', routing: rr }, 0);
    expect(a.records[0]).toMatchObject({
      visitor: 'v1',
      phase: 'offered',
      agent: 'ann',
      offer: { id: 'v1#1', dueAt: 45 },
    });
    step(s, { type: 'accept', agent: 'ann', visitor: 'v1' }, 5);
    expect(visitorRecord(s, 'v1')).toMatchObject({ phase: 'connected', connectedAt: 5 });
    const end = step(s, { type: 'end', visitor: 'v1' }, 9);
    expect(end.records[0]).toMatchObject({ phase: 'closed', closedAt: 9 });
    expect(visitorRecord(s, 'v1')).toBeUndefined();
  });

  it('restores stored records after a restart: an open chat, a pending offer, and one already past its deadline', () => {
    const before = createRoutingState(ws());
    step(before, { type: 'request', visitor: 'chat', routing: rr }, 0);
    step(before, { type: 'accept', agent: 'ann', visitor: 'chat' }, 1);
    step(before, { type: 'request', visitor: 'wait', routing: rr }, 2);
    step(before, { type: 'request', visitor: 'late', routing: sales }, 3);
    const stored = ['chat', 'wait', 'late'].map((v) => visitorRecord(before, v)!);

    const after = createRoutingState(ws());
    for (const record of stored.slice(0, 2)) step(after, { type: 'restore', record }, 10);
    expect(agentView(after, 'ann')).toMatchObject({ chats: ['chat'] });
    expect(agentView(after, 'bob')).toMatchObject({ offers: ['wait'] });
    expect(step(after, { type: 'accept', agent: 'bob', visitor: 'wait' }, 11).decisions[0]).toMatchObject({
      event: 'connected',
    });
    const late = step(after, { type: 'restore', record: stored[2] }, 60);
    expect(late.decisions.map((d) => `${d.at} ${d.event} ${d.agent}`)).toEqual(['48 timeout ann', '48 offered bob']);
  });
});

describe('routing engine: workspace events', () => {
  it('adds agents last in the rotation and follows permission and team changes', () => {
    const s = createRoutingState(ws());
    step(s, { type: 'agent', agent: 'cat', status: 'online', teams: ['sales'] }, 0);
    const offers = ['v1', 'v2', 'v3'].map(
      (v, i) => step(s, { type: 'request', visitor: v, routing: sales }, i).decisions[0],
    );
    expect(offers.map((d) => d.agent)).toEqual(['ann', 'bob', 'cat']);
    step(s, { type: 'agent', agent: 'ann', liveChat: false }, 4);
    step(s, { type: 'agent', agent: 'bob', teams: [] }, 4);
    const next = step(s, { type: 'request', visitor: 'v4', routing: sales }, 5).decisions[0];
    expect(next).toMatchObject({ agent: 'cat', skipped: [{ agent: 'ann', reason: 'no live-chat permission' }] });
    expect(agentsAvailable(s, 'sales')).toBe(true);
    expect(agentsAvailable(s, 'nope')).toBe(false);
  });

  it('on removal ends the agent’s chats and lapses its offers, retrying the team on prime', () => {
    const s = createRoutingState(ws());
    step(s, { type: 'request', visitor: 'v1', routing: sales }, 0);
    step(s, { type: 'accept', agent: 'ann', visitor: 'v1' }, 1);
    step(s, { type: 'request', visitor: 'v2', routing: sales }, 2);
    step(s, { type: 'request', visitor: 'v3', routing: sales }, 3);
    const r = step(s, { type: 'agentRemoved', agent: 'ann' }, 4);
    expect(r.decisions.map((d) => `${d.visitor} ${d.event} ${d.agent ?? d.reason}`)).toEqual([
      'v1 ended ann',
      'v3 declined ann',
      'v3 offered bob',
    ]);
    expect(agentView(s, 'ann')).toBeUndefined();
  });

  it('applies new settings, plan and teams to what happens next', () => {
    const s = createRoutingState(ws({ plan: 'select', settings: { trialEngagementLimit: 1 } }));
    step(s, { type: 'request', visitor: 'v1', routing: rr }, 0);
    expect(step(s, { type: 'request', visitor: 'v2', routing: rr }, 1).decisions[0]).toMatchObject({
      reason: 'trial-limit-reached',
    });
    expect(trialUsage(s)).toEqual({ engagements: 0, pending: 1, limit: 1 });
    step(s, { type: 'plan', plan: 'prime' }, 2);
    step(s, { type: 'settings', settings: { maxChatsPerAgent: 1, acceptTimeoutSec: 5 } }, 2);
    const r = step(s, { type: 'request', visitor: 'v3', routing: rr }, 3);
    expect(r.decisions[0]).toMatchObject({ agent: 'bob' });
    expect(r.timers.arm[0].dueAt).toBe(8);
    expect(agentView(s, 'ann')).toMatchObject({ eligible: false, ineligible: 'at capacity 1/1' });
    step(s, { type: 'teams', teams: [{ id: 'empty' }] }, 4);
    const empty = step(s, { type: 'request', visitor: 'v4', routing: { mode: 'team', teamId: 'empty' } }, 5)
      .decisions[0];
    expect(empty.why).toContain('the team has no members');
  });
});

describe('routing engine: scale', () => {
  it('names at most ten skipped agents and counts the rest', () => {
    const agents = Array.from({ length: 50 }, (_, i) => ({
      id: `a${i}`,
      status: i === 49 ? ('online' as const) : ('away' as const),
    }));
    const s = createRoutingState({ plan: 'prime', agents });
    const d = step(s, { type: 'request', visitor: 'v', routing: rr }, 0).decisions[0];
    expect(d).toMatchObject({ agent: 'a49', position: 50, poolSize: 50, skippedMore: 39 });
    expect(d.skipped).toHaveLength(10);
    expect(d.why).toContain('and 39 more');
  });
});
