import { describe, expect, it } from 'vitest';
import { formatStylish } from './formatStylish.ts';
import type { Diagnostic } from './diagnostic.ts';

describe('formatStylish', () => {
  it('prints nothing for a clean file', () => {
    expect(formatStylish('a.json', [])).toBe('');
  });

  it('aligns rows and counts errors and warnings', () => {
    const ds: Diagnostic[] = [
      { code: 'no-start', severity: 'error', message: 'No start.' },
      { code: 'unreachable-card', severity: 'warning', cardId: 'lost-card', message: 'Lost.' },
    ];
    expect(formatStylish('a.json', ds)).toBe(
      [
        '',
        'a.json',
        '  -          error    No start.  no-start',
        '  lost-card  warning  Lost.      unreachable-card',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '',
      ].join('\n'),
    );
  });
});
