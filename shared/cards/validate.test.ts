import { describe, expect, it } from 'vitest';
import { validateCapture } from './validate.ts';

const text = (attribute: string) => ({ attribute, input: 'text' as const });

describe('validateCapture', () => {
  it('checks emails as local@domain.tld', () => {
    for (const ok of ['a@b.co', 'first.last+tag@mail.example.org'])
      expect(validateCapture(text('email'), ok).ok).toBe(true);
    for (const bad of ['a@b', '@b.co', 'a b@c.de', 'a@@b.co', 'a@b.', 'plain'])
      expect(validateCapture(text('email'), bad).ok).toBe(false);
  });

  it('checks phones: digits, spaces, + - ( ), at least 7 digits', () => {
    for (const ok of ['+1 (555) 123-4567', '1234567']) expect(validateCapture(text('phone'), ok).ok).toBe(true);
    for (const bad of ['123456', '555-CALL-NOW', '12345678x'])
      expect(validateCapture(text('phone'), bad).ok).toBe(false);
  });

  it('accepts any non-blank text for other attributes, trimmed', () => {
    expect(validateCapture(text('company'), '  Acme ')).toEqual({ ok: true, value: 'Acme' });
    expect(validateCapture(text('company'), '   ').ok).toBe(false);
  });

  it('requires a picklist reply to be one of its options and stores the option as written', () => {
    const rule = { attribute: 'size', input: 'picklist' as const, options: ['1-10', '11-100'] };
    expect(validateCapture(rule, ' 11-100 ')).toEqual({ ok: true, value: '11-100' });
    const r = validateCapture(rule, '500');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('1-10, 11-100');
  });
});
