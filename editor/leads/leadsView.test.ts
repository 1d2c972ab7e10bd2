import { describe, expect, it } from 'vitest';
import { dayPattern, formatDay, parseDay } from '../../web/dayText.ts';
import { leadsSearch, parseLeadsView } from './leadsView.ts';

describe('the Leads view in the URL', () => {
  it('reads back what it writes', () => {
    const view = {
      filters: {
        stream: 's_1',
        version: 2,
        outcome: 'missed' as const,
        goal: 'sales lead',
        from: '2026-12-01',
        q: 'ada',
      },
      page: 3,
    };
    const search = leadsSearch(view);
    expect(search).toBe('?stream=s_1&version=2&outcome=missed&goal=sales+lead&from=2026-12-01&q=ada&page=3');
    expect(parseLeadsView(search)).toEqual(view);
    expect(leadsSearch({ filters: {}, page: 1 })).toBe('');
  });

  it('ignores values that mean nothing, keeping the rest', () => {
    expect(
      parseLeadsView('?outcome=lost&version=2&from=2026-02-31&to=yesterday&page=0&q=%20%20&goal=' + 'g'.repeat(201)),
    ).toEqual({ filters: {}, page: 1 });
    expect(parseLeadsView('?stream=s_1&version=-1&page=1e3&to=2026-12-07')).toEqual({
      filters: { stream: 's_1', to: '2026-12-07' },
      page: 1,
    });
    expect(parseLeadsView('?page=99999999').page).toBe(1);
  });
});

describe('days in the language of the page', () => {
  it('writes and reads a day the way each language does', () => {
    expect(formatDay('2026-12-07', 'ko')).toBe('2026. 12. 07.');
    expect(formatDay('2026-12-07', 'en')).toBe('12/07/2026');
    expect(parseDay('2026. 12. 7.', 'ko')).toBe('2026-12-07');
    expect(parseDay('12/7/2026', 'en')).toBe('2026-12-07');
    expect(parseDay('2026-12-07', 'en')).toBe('2026-12-07');
    expect(dayPattern('ko', { year: '연도', month: '월', day: '일' })).toBe('연도. 월. 일.');
  });

  it('refuses what is not a whole, real day', () => {
    for (const text of ['2026. 2. 31.', '12/07/26', '2026. 12.', '7/12', 'tomorrow', '13/01/2026'])
      expect(parseDay(text, text.includes('/') ? 'en' : 'ko')).toBeNull();
  });
});
