import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, file, online, root, rr } from './routeSimHarness.ts';

// route-sim's readable output, its errors, and the examples its documentation shows.

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
    expect(r.stdout).toContain(
      'why: round robin: offered to bob, next in the rotation (position 2 of 2); skipped ann (away)',
    );
    expect(r.stdout).toContain('accept ignored: ann holds no pending offer for v1');
  });

  it.each([
    [{ plan: 'select', agents: [{ id: 'a', status: 'busy' }] }, /agents\[0\]\.status/],
    [{ plan: 'select', settings: { maxChatsPerAgent: 11 } }, /settings\.maxChatsPerAgent: must be at most 10/],
    [{ agents: [] }, /plan: is required/],
    [{ plan: 'select', events: [rr(0, 'v1'), { at: 1, type: 'wave' }] }, /events\[1\]\.type/],
    [{ plan: 'select', agents: [{ id: 'a' }, { id: 'a' }] }, /agents\[1\]\.id: duplicate id/],
    [
      { plan: 'select', rules: [{ id: 'r', when: { attribute: 'a', op: 'is', value: 'x' }, route: {} }] },
      /rules\[0\]\.route/,
    ],
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
    const missing = await cli([join(root, 'examples/routing/missing.json')]);
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
      [
        'agent',
        'balanced',
        'fallback-round-robin',
        'queue',
        'round-robin',
        'rules',
        'schedules',
        'select-trial-limit',
        'team-prime-retry',
        'transfer',
        'visitor-left',
      ].map((n) => `examples/routing/${n}.json`),
    );
    for (const [, path, shown] of blocks) {
      const r = await cli([join(root, path), '--explain']);
      expect(r.code).toBe(0);
      expect(r.stdout, path).toBe(shown);
    }
  });
});
