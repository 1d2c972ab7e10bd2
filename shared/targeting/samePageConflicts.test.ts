import { describe, expect, it } from 'vitest';
import { samePageConflicts } from './samePageConflicts.ts';

const d = (id: string, include: string[], priority = 1, exclude: string[] = []) => ({
  id,
  targeting: { include, exclude, priority },
});

describe('samePageConflicts', () => {
  it('finds another dialogue on the same page at the same priority, with a page both target', () => {
    const pricing = d('a', ['/pricing*']);
    const all = [pricing, d('b', ['/pricing/enterprise']), d('c', ['/blog/*']), d('e', ['/pricing*'], 2)];
    const found = samePageConflicts(pricing, all);
    expect(found.map((c) => c.other.id)).toEqual(['b']);
    expect(found[0].page).toBe('/pricing/enterprise');
  });

  it('matches hosts and whole URLs, and respects excludes', () => {
    expect(samePageConflicts(d('a', ['example.com/*']), [d('b', ['https://example.com/demo'])])).toHaveLength(1);
    expect(
      samePageConflicts(d('a', ['/pricing*'], 1, ['/pricing/enterprise']), [d('b', ['/pricing/enterprise'])]),
    ).toEqual([]);
    expect(samePageConflicts(d('a', []), [d('b', ['/*'])])).toEqual([]);
    expect(samePageConflicts(d('a', ['*']), [d('a', ['*'])])).toEqual([]);
  });
});
