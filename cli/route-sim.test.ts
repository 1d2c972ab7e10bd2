import { describe, expect, it } from 'vitest';
import { brief, online, rr, sim, team } from './routeSimHarness.ts';

// SPEC §4 eligibility and routing modes, through the real `route-sim` command.

describe('route-sim: eligibility', () => {
  it('offers only to online agents with the live-chat permission and a free slot, and says why others were skipped', async () => {
    const ds = await sim({
      plan: 'prime',
      settings: { maxChatsPerAgent: 1 },
      agents: [
        online('noperm', { liveChat: false, teams: ['t'] }),
        { id: 'away', status: 'away', teams: ['t'] },
        { id: 'off', teams: ['t'] },
        online('busy', { teams: ['t'] }),
        online('free', { teams: ['t'] }),
      ],
      events: [
        team(0, 'v0', 't'),
        { at: 1, type: 'accept', agent: 'busy', visitor: 'v0' },
        team(2, 'v1', 't'),
        team(3, 'v2', 't'),
      ],
    });
    expect(brief(ds).slice(0, 4)).toEqual([
      '0 v0 offered busy',
      '1 v0 connected busy',
      '2 v1 offered free',
      '3 v2 fallback no-eligible-agent',
    ]);
    expect(ds[0].skipped).toEqual([
      { agent: 'noperm', reason: 'no live-chat permission' },
      { agent: 'away', reason: 'away' },
      { agent: 'off', reason: 'offline' },
    ]);
    expect(ds[3].why).toContain(
      'noperm (no live-chat permission), away (away), off (offline), busy (at capacity 1/1), free (at capacity 1/1)',
    );
  });

  it('counts a pending offer against the agent’s chats', async () => {
    const ds = await sim({
      plan: 'prime',
      settings: { maxChatsPerAgent: 2 },
      agents: [online('ann')],
      events: [rr(0, 'v1'), { at: 1, type: 'accept', agent: 'ann', visitor: 'v1' }, rr(2, 'v2'), rr(3, 'v3')],
    });
    expect(brief(ds).slice(0, 4)).toEqual([
      '0 v1 offered ann',
      '1 v1 connected ann',
      '2 v2 offered ann',
      '3 v3 fallback no-eligible-agent',
    ]);
    expect(ds[3].why).toContain('ann (at capacity 2/2)');
  });

  it('applies the defaults: agents start offline, with the live-chat permission; offers lapse after 45 s', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [{ id: 'ann' }],
      events: [rr(0, 'v1'), { at: 1, type: 'status', agent: 'ann', status: 'online' }, rr(2, 'v2')],
    });
    expect(brief(ds)).toEqual([
      '0 v1 fallback no-eligible-agent',
      '2 v2 offered ann',
      '47 v2 timeout ann',
      '47 v2 fallback accept-timeout',
    ]);
  });
});

describe('route-sim: round robin', () => {
  it('rotates over all live-chat agents in listed order, wrapping, skipping ineligible ones', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann'), online('bob'), { id: 'cat', status: 'away' }, online('dan')],
      events: [
        rr(0, 'v1'),
        rr(1, 'v2'),
        rr(2, 'v3'),
        rr(3, 'v4'),
        { at: 4, type: 'status', agent: 'ann', status: 'offline' },
        rr(5, 'v5'),
      ],
    });
    expect(brief(ds).filter((l) => l.includes('offered'))).toEqual([
      '0 v1 offered ann',
      '1 v2 offered bob',
      '2 v3 offered dan',
      '3 v4 offered ann',
      '5 v5 offered bob',
    ]);
    expect(ds[2]).toMatchObject({
      pool: 'round robin',
      position: 4,
      poolSize: 4,
      skipped: [{ agent: 'cat', reason: 'away' }],
    });
  });

  it('keeps one cursor per pool: a team offer does not move the round-robin cursor', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann', { teams: ['t'] }), online('bob', { teams: ['t'] }), online('cat')],
      events: [rr(0, 'v1'), team(1, 'v2', 't'), team(2, 'v3', 't'), rr(3, 'v4'), team(4, 'v5', 't')],
    });
    expect(
      brief(ds)
        .filter((l) => l.includes('offered'))
        .slice(0, 5),
    ).toEqual(['0 v1 offered ann', '1 v2 offered ann', '2 v3 offered bob', '3 v4 offered bob', '4 v5 offered ann']);
  });
});

describe('route-sim: agent routing', () => {
  it('offers to the named agent, or falls back when that agent is not eligible or unknown', async () => {
    const req = (at: number, visitor: string, agentId: string) => ({
      at,
      type: 'request',
      visitor,
      routing: { mode: 'agent', agentId },
    });
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann'), online('bob'), { id: 'cat', status: 'away' }],
      events: [req(0, 'v1', 'bob'), req(1, 'v2', 'cat'), req(2, 'v3', 'zed'), { at: 3, type: 'end', visitor: 'v1' }],
    });
    expect(brief(ds)).toEqual([
      '0 v1 offered bob',
      '1 v2 fallback no-eligible-agent',
      '2 v3 fallback no-eligible-agent',
      '3 v1 ended bob',
    ]);
    expect(ds[1].why).toContain('cat is not eligible (away)');
    expect(ds[2].why).toContain('zed is unknown');
  });
});

describe('route-sim: custom rules', () => {
  const rules = [
    { id: 'acme', when: { attribute: 'company', op: 'is', value: 'Acme' }, route: { agentId: 'bob' } },
    { id: 'eu', when: { attribute: 'country', op: 'is', value: 'de' }, route: { teamId: 'emea' } },
    { id: 'staffed', when: { agentsAvailable: true, teamId: 'emea' }, route: { teamId: 'emea' } },
  ];
  const req = (at: number, visitor: string, attributes: object) => ({
    at,
    type: 'request',
    visitor,
    routing: { mode: 'rules' },
    attributes,
  });

  it('takes the first rule that holds (trimmed, case-insensitive) and routes to its agent or team', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann'), online('bob'), online('eve', { teams: ['emea'] })],
      rules,
      events: [req(0, 'v1', { company: '  ACME ', country: 'DE' }), req(1, 'v2', { country: 'De' })],
    });
    expect(brief(ds).slice(0, 2)).toEqual(['0 v1 offered bob', '1 v2 offered eve']);
    expect(ds[0]).toMatchObject({ rule: 'acme' });
    expect(ds[1]).toMatchObject({ rule: 'eu', pool: 'team emea' });
  });

  it('gives the fallback with reason no-rule-matched when no rule holds', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann'), { id: 'eve', teams: ['emea'] }],
      rules,
      events: [req(0, 'v1', { company: 'Initech' })],
    });
    expect(brief(ds)).toEqual(['0 v1 fallback no-rule-matched']);
  });

  it('does not fall through to a later rule when the matched target has nobody eligible', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [{ id: 'bob', status: 'away' }, online('eve', { teams: ['emea'] })],
      rules,
      events: [req(0, 'v1', { company: 'acme' })],
    });
    expect(brief(ds)).toEqual(['0 v1 fallback no-eligible-agent']);
  });
});

describe('route-sim: team routing', () => {
  it('rotates among the team’s eligible members in listed order; an unknown team has no eligible agent', async () => {
    const ds = await sim({
      plan: 'select',
      agents: [online('ann', { teams: ['sales'] }), online('bob'), online('cat', { teams: ['sales', 'ops'] })],
      teams: [{ id: 'sales' }, { id: 'ops' }, { id: 'empty' }],
      events: [
        team(0, 'v1', 'sales'),
        team(1, 'v2', 'sales'),
        team(2, 'v3', 'sales'),
        team(3, 'v4', 'nope'),
        team(4, 'v5', 'empty'),
      ],
    });
    expect(brief(ds).slice(0, 5)).toEqual([
      '0 v1 offered ann',
      '1 v2 offered cat',
      '2 v3 offered ann',
      '3 v4 fallback no-eligible-agent',
      '4 v5 fallback no-eligible-agent',
    ]);
  });
});
