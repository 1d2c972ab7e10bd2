import { describe, expect, it } from 'vitest';
import { selectDialogue, targetsUrl } from './selectDialogue.ts';

const d = (id: string, priority: number, include: string[], exclude: string[] = []) => ({
  id,
  targeting: { include, exclude, priority },
});

const site = [
  d('everywhere', 5, ['*'], ['/careers/*']),
  d('pricing', 1, ['/pricing', '/pricing/*']),
  d('pricing-b', 1, ['/pricing/*']),
  d('blog', 3, ['/blog/*'], ['/blog/drafts/*']),
  d('none', 1, []),
];

describe('selectDialogue', () => {
  const cases: Array<[string, string | undefined]> = [
    ['https://a.test/', 'everywhere'],
    ['https://a.test/pricing', 'pricing'],
    ['https://a.test/pricing/team?utm=1', 'pricing'], // tie on priority 1: the smaller id
    ['https://a.test/blog/hello', 'blog'],
    ['https://a.test/blog/drafts/x', 'everywhere'], // excluded from blog, still covered by the catch-all
    ['https://a.test/careers/eng', undefined], // excluded everywhere
  ];
  for (const [url, want] of cases) {
    it(`${url} → ${want ?? 'nothing'}`, () => expect(selectDialogue(site, url)?.id).toBe(want));
  }

  it('skips dialogues the caller rules out (shown once and completed)', () => {
    const done = new Set(['pricing']);
    expect(selectDialogue(site, 'https://a.test/pricing/x', (x) => !done.has(x.id))?.id).toBe('pricing-b');
    done.add('pricing-b');
    expect(selectDialogue(site, 'https://a.test/pricing', (x) => !done.has(x.id))?.id).toBe('everywhere');
  });

  it('does not depend on the order of the list', () => {
    expect(selectDialogue([...site].reverse(), 'https://a.test/pricing/team')?.id).toBe('pricing');
  });

  it('an exclude wins over an include', () => {
    expect(targetsUrl({ include: ['/x/*'], exclude: ['/x/secret'], priority: 1 }, 'https://a.test/x/secret?y')).toBe(
      false,
    );
  });
});
