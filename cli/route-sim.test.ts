import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every rule of SPEC §4 through the real command: `node bin/tributary.js route-sim FILE`.

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'tributary-route-sim-'));
let n = 0;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('node', ['bin/tributary.js', 'route-sim', ...args], { cwd: root }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

function file(content: unknown): string {
  const p = join(dir, `s${n++}.json`);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

type D = { at: number; visitor: string; event: string; agent?: string; reason?: string; why: string; [k: string]: unknown };

/** Runs a scenario and returns the decisions (all fields). */
async function sim(scenario: unknown, extra: string[] = []): Promise<D[]> {
  const r = await cli([file(scenario), ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.trim() ? r.stdout.trim().split('\n').map((l) => JSON.parse(l)) : [];
}

/** The SPEC fields only, as compact strings: `0 v1 offered ann`, `45 v1 fallback accept-timeout`. */
const brief = (ds: D[]) => ds.map((d) => [d.at, d.visitor, d.event, d.agent ?? d.reason].join(' '));

const online = (id: string, extra: object = {}) => ({ id, status: 'online', ...extra });
const rr = (at: number, visitor: string, extra: object = {}) => ({ at, type: 'request', visitor, routing: { mode: 'roundRobin' }, ...extra });
const team = (at: number, visitor: string, teamId: string) => ({ at, type: 'request', visitor, routing: { mode: 'team', teamId } });

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
      events: [team(0, 'v0', 't'), { at: 1, type: 'accept', agent: 'busy', visitor: 'v0' }, team(2, 'v1', 't'), team(3, 'v2', 't')],
    });
    expect(brief(ds).slice(0, 4)).toEqual(['0 v0 offered busy', '1 v0 connected busy', '2 v1 offered free', '3 v2 fallback no-eligible-agent']);
    expect(ds[0].skipped).toEqual([
      { agent: 'noperm', reason: 'no live-chat permission' },
      { agent: 'away', reason: 'away' },
      { agent: 'off', reason: 'offline' },
    ]);
    expect(ds[3].why).toContain('noperm (no live-chat permission), away (away), off (offline), busy (at capacity 1/1), free (at capacity 1/1)');
  });

  it('counts a pending offer against the agent’s chats', async () => {
    const ds = await sim({
      plan: 'prime',
      settings: { maxChatsPerAgent: 2 },
      agents: [online('ann')],
      events: [rr(0, 'v1'), { at: 1, type: 'accept', agent: 'ann', visitor: 'v1' }, rr(2, 'v2'), rr(3, 'v3')],
    });
    expect(brief(ds).slice(0, 4)).toEqual(['0 v1 offered ann', '1 v1 connected ann', '2 v2 offered ann', '3 v3 fallback no-eligible-agent']);
    expect(ds[3].why).toContain('ann (at capacity 2/2)');
  });

  it('applies the defaults: agents start offline, with the live-chat permission; offers lapse after 45 s', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [{ id: 'ann' }],
      events: [rr(0, 'v1'), { at: 1, type: 'status', agent: 'ann', status: 'online' }, rr(2, 'v2')],
    });
    expect(brief(ds)).toEqual(['0 v1 fallback no-eligible-agent', '2 v2 offered ann', '47 v2 timeout ann', '47 v2 fallback accept-timeout']);
  });
});

describe('route-sim: round robin', () => {
  it('rotates over all live-chat agents in listed order, wrapping, skipping ineligible ones', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann'), online('bob'), { id: 'cat', status: 'away' }, online('dan')],
      events: [rr(0, 'v1'), rr(1, 'v2'), rr(2, 'v3'), rr(3, 'v4'), { at: 4, type: 'status', agent: 'ann', status: 'offline' }, rr(5, 'v5')],
    });
    expect(brief(ds).filter((l) => l.includes('offered'))).toEqual([
      '0 v1 offered ann',
      '1 v2 offered bob',
      '2 v3 offered dan',
      '3 v4 offered ann',
      '5 v5 offered bob',
    ]);
    expect(ds[2]).toMatchObject({ pool: 'round robin', position: 4, poolSize: 4, skipped: [{ agent: 'cat', reason: 'away' }] });
  });

  it('keeps one cursor per pool: a team offer does not move the round-robin cursor', async () => {
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann', { teams: ['t'] }), online('bob', { teams: ['t'] }), online('cat')],
      events: [rr(0, 'v1'), team(1, 'v2', 't'), team(2, 'v3', 't'), rr(3, 'v4'), team(4, 'v5', 't')],
    });
    expect(brief(ds).filter((l) => l.includes('offered')).slice(0, 5)).toEqual([
      '0 v1 offered ann',
      '1 v2 offered ann',
      '2 v3 offered bob',
      '3 v4 offered bob',
      '4 v5 offered ann',
    ]);
  });
});

describe('route-sim: agent routing', () => {
  it('offers to the named agent, or falls back when that agent is not eligible or unknown', async () => {
    const req = (at: number, visitor: string, agentId: string) => ({ at, type: 'request', visitor, routing: { mode: 'agent', agentId } });
    const ds = await sim({
      plan: 'prime',
      agents: [online('ann'), online('bob'), { id: 'cat', status: 'away' }],
      events: [req(0, 'v1', 'bob'), req(1, 'v2', 'cat'), req(2, 'v3', 'zed'), { at: 3, type: 'end', visitor: 'v1' }],
    });
    expect(brief(ds)).toEqual(['0 v1 offered bob', '1 v2 fallback no-eligible-agent', '2 v3 fallback no-eligible-agent', '3 v1 ended bob']);
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
  const req = (at: number, visitor: string, attributes: object) => ({ at, type: 'request', visitor, routing: { mode: 'rules' }, attributes });

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
      events: [team(0, 'v1', 'sales'), team(1, 'v2', 'sales'), team(2, 'v3', 'sales'), team(3, 'v4', 'nope'), team(4, 'v5', 'empty')],
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
  const agents = [online('ann', { teams: ['sales'] }), online('bob', { teams: ['sales'] }), online('cat', { teams: ['sales'] })];

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
    expect(brief(ds).slice(0, 4)).toEqual(['0 v1 offered ann', '1 v2 offered bob', '3 v1 declined ann', '3 v1 fallback accept-timeout']);
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
    expect(brief(ds)).toEqual(['0 v1 offered ann', '1 v1 connected ann', '2 v2 offered ann', '4 v2 connected ann', '5 v3 fallback no-eligible-agent', '6 v1 ended ann']);
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
    const ds = await sim({ plan: 'prime', settings: { trialEngagementLimit: 0 }, agents: [online('ann')], events: [rr(0, 'v1')] });
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

describe('route-sim: explain and errors', () => {
  it('prints the why in readable form with --explain, including events that changed nothing', async () => {
    const r = await cli([
      file({
        plan: 'prime',
        agents: [{ id: 'ann', status: 'away' }, online('bob')],
        events: [rr(0, 'v1'), { at: 1, type: 'accept', agent: 'ann', visitor: 'v1' }],
      }),
      '--explain',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('v1  offered bob');
    expect(r.stdout).toContain('why: round robin: offered to bob, next in the rotation (position 2 of 2); skipped ann (away)');
    expect(r.stdout).toContain('accept ignored: ann holds no pending offer for v1');
  });

  it.each([
    [{ plan: 'select', agents: [{ id: 'a', status: 'busy' }] }, /agents\[0\]\.status/],
    [{ plan: 'select', settings: { maxChatsPerAgent: 11 } }, /settings\.maxChatsPerAgent: must be at most 10/],
    [{ agents: [] }, /plan: is required/],
    [{ plan: 'select', events: [rr(0, 'v1'), { at: 1, type: 'wave' }] }, /events\[1\]\.type/],
    [{ plan: 'select', agents: [{ id: 'a' }, { id: 'a' }] }, /agents\[1\]\.id: duplicate id/],
    [{ plan: 'select', rules: [{ id: 'r', when: { attribute: 'a', op: 'is', value: 'x' }, route: {} }] }, /rules\[0\]\.route/],
  ])('exits 2 with one line naming the bad field (%#)', async (scenario, pattern) => {
    const r = await cli([file(scenario)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });

  it('exits 2 naming the line and column of bad JSON, an unreadable file, or bad usage', async () => {
    const bad = await cli([file('{\n  "plan": "select",\n  oops\n}')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 3, column 3/);
    const missing = await cli([join(dir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
    const usage = await cli([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('route-sim: examples', () => {
  it('prints for every example in examples/routing what its README shows', async () => {
    const readme = readFileSync(join(root, 'examples/routing/README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```\n\$ npx tributary route-sim (\S+) --explain\n([\s\S]*?)```/g)];
    expect(blocks.map((b) => b[1]).sort()).toEqual(
      ['agent', 'round-robin', 'rules', 'select-trial-limit', 'team-prime-retry'].map((n) => `examples/routing/${n}.json`),
    );
    for (const [, path, shown] of blocks) {
      const r = await cli([join(root, path), '--explain']);
      expect(r.code).toBe(0);
      expect(r.stdout, path).toBe(shown);
    }
  });
});
