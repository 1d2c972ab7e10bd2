import { describe, expect, it } from 'vitest';
import { searchWords } from './search.ts';

/** The words of a text by the general rule (docs/search.md): NFKC, lower case, runs of letters, digits and marks. */
const byRule = (text: string) => {
  const out = new Set<string>();
  for (const m of text
    .normalize('NFKC')
    .toLowerCase()
    .matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    out.add(m[0].slice(0, 64));
    if (out.size >= 2000) break;
  }
  return [...out];
};

describe('search words', () => {
  it('cuts ASCII texts exactly as the general rule does', () => {
    const ascii = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).join('');
    // Every ASCII character between and inside words, pseudo-random texts, a word past the longest kept, the cap.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const random = Array.from({ length: 300 }, () =>
      Array.from({ length: next() % 80 }, () => ascii[next() % 128]).join(''),
    );
    const texts = [
      ascii,
      [...ascii].join('ab'),
      'not-an-email',
      'Jo@Example.COM, call 555-0100!',
      'x'.repeat(100) + ' y',
      Array.from({ length: 2500 }, (_, i) => `w${i}`).join(' '),
      '',
      ...random,
    ];
    for (const t of texts) expect(searchWords(t)).toEqual(byRule(t));
  });

  it('cuts other scripts by the general rule', () => {
    for (const t of ['Crème brûlée ＡＢＣ', '김민수 님 안녕하세요', 'Straße ǅemal', 'ｶﾀｶﾅ 123'])
      expect(searchWords(t)).toEqual(byRule(t));
  });
});
