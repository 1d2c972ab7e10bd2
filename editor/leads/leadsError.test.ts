import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/api/client.ts';
import { translate, type Lang } from '../i18n/I18n.tsx';
import { leadsErrorText } from './leadsError.ts';

/** An error as the client makes it from the server's answer. */
const refused = (status: number, error: Record<string, string>) =>
  new ApiError(status, error.code, error.message, { error });
const say = (err: unknown, lang: Lang, filters = {}) =>
  leadsErrorText(err, filters, (key, vars) => translate(lang, key, vars), lang);

describe('the Leads page says what the server refused in the chosen language', () => {
  const reversed = refused(400, { code: 'bad-range', message: 'from: is after to', field: 'from', reason: 'reversed' });
  const range = { from: '2026-12-07', to: '2000-01-01' };

  it('a reversed range with its days, in English and in Korean (never the server English)', () => {
    expect(say(reversed, 'en', range)).toBe(
      'the range from 12/07/2026 to 01/01/2000 ends before it starts. Pick a “To” day on or after the “From” day.',
    );
    const ko = say(reversed, 'ko', range);
    expect(ko).toContain('2026. 12. 07.');
    expect(ko).toContain('2000. 01. 01.');
    expect(ko).not.toMatch(/[A-Za-z]/);
  });

  it('every other refusal the page can meet, in Korean without English', () => {
    const cases = [
      refused(400, { code: 'bad-range', message: 'to: expected a day', field: 'to', reason: 'unreadable' }),
      refused(400, { code: 'invalid', message: 'q: at most 8 words', field: 'q', reason: 'too-many-words' }),
      refused(400, { code: 'invalid', message: 'email: Invalid email address', field: 'email' }),
      new ApiError(0, 'network', 'Failed to fetch'),
      refused(403, { code: 'forbidden', message: 'needs the marketer role' }),
      refused(404, { code: 'not-found', message: 'stream not found' }),
      refused(503, { code: 'unavailable', message: 'the store is unavailable' }),
      refused(409, { code: 'conflict', message: 'conflict' }),
      new TypeError("Cannot read properties of undefined (reading 'rows')"),
    ];
    const ko = cases.map((e) => say(e, 'ko'));
    for (const text of ko) expect(text.replace(/HTTP \d+/, '')).not.toMatch(/[A-Za-z]/);
    expect(ko[0]).toContain('종료일');
    expect(ko[1]).toContain('8');
    expect(new Set(ko).size).toBe(ko.length);
    expect(say(cases[1], 'en')).toBe('a search can have at most 8 words: remove some.');
    expect(say(cases[6], 'en')).toBe('the server failed (HTTP 503). Try again.');
  });
});
