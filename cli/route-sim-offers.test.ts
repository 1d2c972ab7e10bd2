import { describe, expect, it } from 'vitest';
import { brief, online, rr, sim, team } from './routeSimHarness.ts';

// SPEC §4 offers, timeouts, retries, ends, the trial limit and the clock, through the real `route-sim` command.

describe('route-sim: offers and timeouts', () => {
  it('times out at exactly offer time + acceptTimeoutSec, before an accept listed at that time', async () => {
    const ds = await sim({
      plan: 'prime',
      settings: { acceptTimeoutSec: 10 },
      agents: [online('ann')],
      events: [
        rr(0, 'v1'),
        rr(1, 'v2'),
        { at: 10, type: 'accept', agent: 'ann', visitor: 'v1' },
        { at: 10.5, type: 'accept', agent: 'ann', visitor: 'v2' },
      ],
    });
    expect(brief(ds)).toEqual([
      '0 v1 offered ann',
      '1 v2 offered ann',
      '10 v1 timeout ann',
      '10 v1 fallback accept-timeout',
      '10.5 v2 connected ann',
    ]);
  });

  it('treats a decline like a timeout', async () => {
    const ds = await sim({
      plan: 'select',
      agents: [online('ann'), online('bob')],
      events: [rr(0, 'v1'), { at: 2, type: 'decline', agent: 'ann', visitor: 'v1' }],
    });
    expect(brief(ds)).toEqual(['0 v1 offered ann', '2 v1 declined ann', '2 v1 fallback accept-timeout']);
  });

  it('runs the clock on after the last event until no timer is left', async () => {
    const ds = await sim({ plan: 'prime', agents: [online('ann')], events: [rr(5, 'v1')] });
    expect(brief(ds)).toEqual(['5 v1 offered ann', '50 v1 timeout ann', '50 v1 fallback accept-timeout']);
  });
});

describe('route-sim: the prime/ultimate team retry', () => {
  const agents = [
    online('ann', { teams: ['sales'] }),
    online('bob', { teams: ['sales'] }),
    online('cat', { teams: ['sales'] }),
  ];

  it('tries one more agent of the team, then falls back', async () => {
    const ds = await sim({ plan: 'prime', agents, teams: [{ id: 'sales' }], events: [team(0, 'v1', 'sales')] });
    expect(brief(ds)).toEqual([
      '0 v1 offered ann',
      '45 v1 timeout ann',
      '45 v1 offered bob',
      '90 v1 timeout bob',
      '90 v1 fallback accept-timeout',
    ]);
    expect(ds[2]).toMatchObject({ retry: true, pool: 'team sales' });
  });

  it('never retries the agent who let the offer lapse, even when the rotation comes back to them', async () => {
    const ds = await sim({
      plan: 'ultimate',
      agents: [online('ann', { teams: ['sales'] }), online('bob', { teams: ['sales'] })],
      events: [
        team(0, 'v1', 'sales'),
        team(1, 'v2', 'sales'),
        { at: 2, type: 'status', agent: 'bob', status: 'away' },
        { at: 3, type: 'decline', agent: 'ann', visitor: 'v1' },
      ],
    });
    expect(brief(ds).slice(0, 4)).toEqual([
      '0 v1 offered ann',
      '1 v2 offered bob',
      '3 v1 declined ann',
      '3 v1 fallback accept-timeout',
    ]);
    expect(ds[3].why).toContain('ann (let the last offer lapse)');
    expect(ds[3].why).toContain('bob (away)');
  });

  it('gives no retry on select, nor for round-robin routing on prime', async () => {
    const sel = await sim({ plan: 'select', agents, events: [team(0, 'v1', 'sales')] });
    expect(brief(sel)).toEqual(['0 v1 offered ann', '45 v1 timeout ann', '45 v1 fallback accept-timeout']);
    const rrPrime = await sim({ plan: 'prime', agents, events: [rr(0, 'v1')] });
    expect(brief(rrPrime)).toEqual(['0 v1 offered ann', '45 v1 timeout ann', '45 v1 fallback accept-timeout']);
  });
});

describe('route-sim: events that change nothing', () => {
  it('ignores an accept or decline from an agent without that pending offer, and a second request', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann'), online('bob')],
      events: [
        rr(0, 'v1'),
        { at: 1, type: 'accept', agent: 'bob', visitor: 'v1' },
        { at: 2, type: 'decline', agent: 'bob', visitor: 'v1' },
        { at: 3, type: 'accept', agent: 'ann', visitor: 'nobody' },
        rr(4, 'v1'),
        { at: 5, type: 'accept', agent: 'ann', visitor: 'v1' },
        rr(6, 'v1'),
        { at: 7, type: 'decline', agent: 'ann', visitor: 'v1' },
      ],
    });
    expect(brief(ds)).toEqual(['0 v1 offered ann', '5 v1 connected ann']);
  });

  it('lets an agent who goes away keep the offers and chats they hold', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann')],
      events: [
        rr(0, 'v1'),
        { at: 1, type: 'accept', agent: 'ann', visitor: 'v1' },
        rr(2, 'v2'),
        { at: 3, type: 'status', agent: 'ann', status: 'away' },
        { at: 4, type: 'accept', agent: 'ann', visitor: 'v2' },
        rr(5, 'v3'),
        { at: 6, type: 'end', visitor: 'v1' },
      ],
    });
    expect(brief(ds)).toEqual([
      '0 v1 offered ann',
      '1 v1 connected ann',
      '2 v2 offered ann',
      '4 v2 connected ann',
      '5 v3 fallback no-eligible-agent',
      '6 v1 ended ann',
    ]);
  });
});

describe('route-sim: ending', () => {
  it('withdraws a pending offer on end and frees the slot; ending a chat frees capacity', async () => {
    const ds = await sim({
      plan: 'prime',
      settings: { maxChatsPerAgent: 1 },
      agents: [online('ann')],
      events: [
        rr(0, 'v1'),
        { at: 1, type: 'end', visitor: 'v1' },
        rr(2, 'v2'),
        { at: 3, type: 'accept', agent: 'ann', visitor: 'v2' },
        rr(4, 'v3'),
        { at: 5, type: 'end', visitor: 'v2' },
        rr(6, 'v4'),
        { at: 7, type: 'end', visitor: 'v2' },
      ],
    });
    expect(brief(ds).slice(0, 7)).toEqual([
      '0 v1 offered ann',
      '1 v1 ended ann',
      '2 v2 offered ann',
      '3 v2 connected ann',
      '4 v3 fallback no-eligible-agent',
      '5 v2 ended ann',
      '6 v4 offered ann',
    ]);
    expect(ds.filter((d) => d.visitor === 'v1')).toHaveLength(2);
  });
});

describe('route-sim: trial limit', () => {
  it('on select, refuses when connected engagements plus pending offers reach the limit', async () => {
    const ds = await sim({
      plan: 'select',
      settings: { trialEngagementLimit: 3 },
      engagementsUsed: 1,
      agents: [online('ann')],
      events: [
        rr(0, 'v1'),
        { at: 1, type: 'accept', agent: 'ann', visitor: 'v1' },
        rr(2, 'v2'),
        rr(3, 'v3'),
        { at: 4, type: 'decline', agent: 'ann', visitor: 'v2' },
        rr(5, 'v4'),
        { at: 6, type: 'accept', agent: 'ann', visitor: 'v4' },
        { at: 7, type: 'end', visitor: 'v4' },
        rr(8, 'v5'),
      ],
    });
    expect(brief(ds)).toEqual([
      '0 v1 offered ann',
      '1 v1 connected ann',
      '2 v2 offered ann',
      '3 v3 fallback trial-limit-reached',
      '4 v2 declined ann',
      '4 v2 fallback accept-timeout',
      '5 v4 offered ann',
      '6 v4 connected ann',
      '7 v4 ended ann',
      '8 v5 fallback trial-limit-reached',
    ]);
  });

  it('does not limit prime or ultimate', async () => {
    const ds = await sim({
      plan: 'prime',
      settings: { trialEngagementLimit: 0 },
      agents: [online('ann')],
      events: [rr(0, 'v1')],
    });
    expect(brief(ds)[0]).toBe('0 v1 offered ann');
  });
});

describe('route-sim: the clock', () => {
  it('processes events in time order, stable for equal times', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann'), online('bob')],
      events: [rr(1, 'a'), { at: 1, type: 'status', agent: 'ann', status: 'away' }, rr(1, 'b'), rr(0, 'z')],
    });
    expect(brief(ds).slice(0, 3)).toEqual(['0 z offered ann', '1 a offered bob', '1 b offered bob']);
  });
});
