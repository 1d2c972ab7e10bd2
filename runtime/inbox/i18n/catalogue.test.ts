import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { format } from './I18nProvider.tsx';
import { ko } from './ko.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI text catalogue', () => {
  it('has every English message in Korean, non-empty, with the same placeholders', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ko[key].trim(), key).not.toBe('');
      expect(placeholders(ko[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{name} wants to chat', { name: 'Ada' })).toBe('Ada wants to chat');
    expect(format('{seconds}s', {})).toBe('{seconds}s');
  });
});
