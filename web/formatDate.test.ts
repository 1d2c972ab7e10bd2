import { describe, expect, it } from 'vitest';
import { formatDateTime } from './formatDate.ts';

describe('formatDateTime', () => {
  it('formats in the app language, not the browser’s', () => {
    const at = '2026-12-06T09:05:00Z';
    expect(formatDateTime(at, 'ko')).toMatch(/2026\. 12\. 6\./);
    expect(formatDateTime(at, 'en')).toMatch(/Dec 6, 2026/);
    expect(formatDateTime(at, 'ko', 'time')).toMatch(/\d{2}:\d{2}/);
    expect(formatDateTime('not a date', 'en')).toBe('');
  });
});
