import { describe, expect, it } from 'vitest';
import { matchUrl } from './matchUrl.ts';

// pattern → pages it must match / must not match.
const MATRIX: Array<[string, string[], string[]]> = [
  [
    '/demo',
    ['https://a.test/demo', 'https://a.test/demo/', 'https://a.test/demo?x=1', 'https://a.test/demo#top', '/demo'],
    ['https://a.test/demo/more', 'https://a.test/demos', 'https://a.test/', 'https://a.test/Demo'],
  ],
  [
    '/pricing/*',
    [
      'https://a.test/pricing/',
      'https://a.test/pricing',
      'https://a.test/pricing/team',
      'https://a.test/pricing/team/annual?ref=x',
    ],
    ['https://a.test/pricing-old', 'https://a.test/about/pricing/team'],
  ],
  [
    '/blog/*/comments',
    ['https://a.test/blog/one/comments', 'https://a.test/blog/a/b/comments/'],
    ['https://a.test/blog/one', 'https://a.test/blog/one/comments/2'],
  ],
  ['*', ['https://a.test/', 'http://b.test/x/y?z', '/anything'], []],
  ['/*', ['https://a.test/', 'https://a.test/x'], []],
  [
    'example.com',
    ['https://example.com', 'https://EXAMPLE.com/', 'http://example.com/?utm=1'],
    ['https://example.com/about', 'https://www.example.com/'],
  ],
  [
    'example.com/*',
    ['https://example.com/', 'https://example.com/a/b', 'http://example.com/x?q=1'],
    ['https://example.org/a', 'https://www.example.com/a'],
  ],
  [
    '*.example.com/docs/*',
    ['https://www.example.com/docs/x', 'https://eu.example.com/docs/'],
    ['https://example.com/docs/x'],
  ],
  [
    'https://example.com/signup',
    ['https://example.com/signup', 'HTTPS://Example.com/signup?plan=pro'],
    ['http://example.com/signup', 'https://example.com/signup/step2'],
  ],
  ['https://*', ['https://a.test/', 'https://b.test/x'], ['http://a.test/']],
  ['*pricing*', ['https://a.test/pricing', 'https://a.test/en/pricing/team'], ['https://a.test/about?page=pricing']],
  ['/demo?utm_source=ads', ['https://a.test/demo', 'https://a.test/demo?utm_source=other'], ['https://a.test/demo2']],
  ['', [], ['https://a.test/', '/']],
  ['/a.b(c)+', ['https://a.test/a.b(c)+'], ['https://a.test/aXb(c)+', 'https://a.test/a.b(c)']],
  ['/x**y', ['https://a.test/xy', 'https://a.test/x/q/y'], ['https://a.test/x/q']],
];

describe('matchUrl', () => {
  for (const [pattern, yes, no] of MATRIX) {
    for (const url of yes)
      it(`${JSON.stringify(pattern)} matches ${url}`, () => expect(matchUrl(pattern, url)).toBe(true));
    for (const url of no)
      it(`${JSON.stringify(pattern)} does not match ${url}`, () => expect(matchUrl(pattern, url)).toBe(false));
  }

  it('never treats pattern text as a regular expression', () => {
    expect(matchUrl('/(a+)+$', 'https://a.test/' + 'a'.repeat(40) + '!')).toBe(false);
  });
});
