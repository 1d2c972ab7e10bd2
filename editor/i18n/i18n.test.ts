import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { initialLang, translate } from './I18n.tsx';
import { ko } from './ko.ts';

describe('UI text', () => {
  it('has every English message in Korean, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ko[key], key).toBeTruthy();
      expect(names(ko[key]), key).toEqual(names(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(translate('en', 'toolbar.published', { version: 3 })).toBe('Published v3');
    expect(translate('ko', 'toolbar.published', { version: 3 })).toBe('v3 게시됨');
    expect(translate('en', 'toolbar.published')).toBe('Published v{version}');
  });

  it('follows the browser language when nothing was chosen', () => {
    const nav = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { language: 'ko-KR' }, configurable: true });
    try {
      expect(initialLang()).toBe('ko');
    } finally {
      if (nav) Object.defineProperty(globalThis, 'navigator', nav);
    }
  });
});
