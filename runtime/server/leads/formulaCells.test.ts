import { describe, expect, it } from 'vitest';
import type { LeadRow } from '../store/leads.ts';
import type { Store } from '../store/store.ts';
import { leadsCsv, safeCell } from './csv.ts';

/** CSV injection (OWASP): what visitors typed never reaches a spreadsheet as a formula. */
describe('formula cells in the leads CSV', () => {
  it('puts a single quote before a text cell that starts with = + - @, a tab or a carriage return', () => {
    for (const v of ['=1+2', '+1 555 0100', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")'])
      expect(safeCell(v)).toBe(`'${v}`);
    for (const v of ['', 'Ada', 'a=b', ' =1', "'=1", '1-2', 'ada@example.com', '한국어']) expect(safeCell(v)).toBe(v);
  });

  it('escapes captured values, the goal, the agent and the page, and leaves the numbers it writes itself', async () => {
    const row: LeadRow = {
      conversationId: 'c_1',
      streamId: 's_1',
      version: 1,
      visitorId: 'v_1',
      startedAt: Date.UTC(2026, 11, 1),
      outcome: 'handoff',
      agentId: 'u_1',
      page: '=page',
      goal: '@goal',
      score: -5,
      email: null,
      attributes: { company: '=HYPERLINK("http://evil.example","click")', phone: '+1 555 0100', name: 'Ada' },
    };
    const store = {
      leads: {
        attributes: async () => ['company', 'name', 'phone'],
        page: async (q: { after?: unknown }) => (q.after ? [] : [row]),
      },
    } as unknown as Pick<Store, 'leads'>;
    let text = '';
    for await (const chunk of leadsCsv(store, { streamId: 's_1' }, () => '-Agent')) text += chunk;
    expect(text.split('\n')[1]).toBe(
      `c_1,2026-12-01T00:00:00.000Z,1,handoff,'@goal,-5,'-Agent,'=page,` +
        `"'=HYPERLINK(""http://evil.example"",""click"")",Ada,'+1 555 0100`,
    );
  });
});
