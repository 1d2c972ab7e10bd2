import { describe, expect, it } from 'vitest';
import { whatIf } from './routing/whatIf.ts';
import { bootServer } from './testkit.ts';

describe('an empty workspace (TRIBUTARY_DEMO=0)', () => {
  it('starts with the first admin from the environment and nothing else', async () => {
    const t = await bootServer({ demo: false, adminEmail: 'boss@example.com', adminPassword: 'long-enough' });
    try {
      const token = await t.login('boss@example.com', 'long-enough');
      expect((await t.api('GET', '/api/users', { token })).body.map((u: any) => u.email)).toEqual(['boss@example.com']);
      expect((await t.api('GET', '/api/dialogues', { token })).body).toEqual([]);
      expect((await t.api('GET', '/api/settings', { token })).body.workspace).toBe('main');
      expect(
        (await t.api('POST', '/api/session', { body: { email: 'admin@demo.test', password: 'tributary-demo' } }))
          .status,
      ).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('refuses to start without the first admin', async () => {
    await expect(bootServer({ demo: false })).rejects.toThrow(/TRIBUTARY_ADMIN_EMAIL/);
  });
});

describe('what-if replay', () => {
  it('shows the requests whose outcome an edit would change', () => {
    const ws = {
      plan: 'select' as const,
      settings: {},
      agents: [{ id: 'ann', status: 'offline' as const, teams: ['sales'] }],
      teams: [{ id: 'sales' }],
      rules: [],
    };
    const log = [
      {
        at: 1_000,
        event: { type: 'request' as const, visitor: 'c1', routing: { mode: 'roundRobin' as const }, attributes: {} },
      },
      {
        at: 2_000,
        event: {
          type: 'request' as const,
          visitor: 'c2',
          routing: { mode: 'team' as const, teamId: 'sales' },
          attributes: {},
        },
      },
    ];
    const r = whatIf(log, ws, { ...ws, agents: [{ id: 'ann', status: 'online', teams: ['sales'] }] }, 0, 10_000);
    expect(r.requests).toBe(2);
    expect(r.changed).toBe(2);
    expect(r.differences[0]).toMatchObject({ visitor: 'c1', before: { outcome: 'fallback no-eligible-agent' } });
    expect(r.differences[0].after.decisions[0]).toMatchObject({ event: 'offered', agent: 'ann', at: 1_000 });
    expect(r.summary.before).toEqual({ fallback: 2 });
  });
});
