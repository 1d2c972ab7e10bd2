/** @jsxImportSource preact */
// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import { EMPTY } from './conversation.ts';
import { Entry } from './Entry.tsx';
import { TEXT } from './strings.ts';

function show(item: TranscriptItem, prev?: TranscriptItem): HTMLElement {
  const box = document.createElement('div');
  render(
    <Entry item={item} prev={prev} conv={EMPTY} t={TEXT.en} origin="https://chat.example" showState={false} />,
    box,
  );
  return box;
}

describe('Entry', () => {
  it('links a document card only when its address is https', () => {
    const ok = show({
      type: 'document',
      seq: 1,
      at: 1,
      cardId: 'doc',
      name: 'Price list',
      url: 'https://shop.example/prices.pdf',
    });
    const a = ok.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://shop.example/prices.pdf');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(ok.querySelector('[data-tributary="message"]')!.textContent).toContain('Price list');
    for (const url of ['javascript:alert(1)', 'http://shop.example/x.pdf', 'data:text/html,hi']) {
      const bad = show({ type: 'document', seq: 2, at: 2, cardId: 'doc', name: 'Bad', url });
      expect(bad.querySelector('a')).toBeNull();
      expect(bad.textContent).toContain('Bad');
    }
  });

  it('renders every kind of text as text', () => {
    const html = '<img src=x onerror=alert(1)>';
    for (const item of [
      { type: 'bot', seq: 1, at: 1, cardId: 'm', text: html },
      {
        type: 'agent',
        seq: 2,
        at: 2,
        text: html,
        clientId: 'a',
        agent: { id: 'u', name: html, avatarUrl: 'javascript:alert(1)' },
      },
      { type: 'fallback', seq: 3, at: 3, text: html, reason: 'no-eligible-agent' },
    ] as TranscriptItem[]) {
      const box = show(item);
      expect(box.querySelector('[data-tributary="message"]')!.textContent).toBe(html);
      expect(box.querySelectorAll('img')).toHaveLength(0);
    }
  });

  it('does not repeat a prompt right after its re-prompt', () => {
    const ask: TranscriptItem = {
      type: 'ask',
      seq: 3,
      at: 3,
      cardId: 'email',
      prompt: 'Email?',
      kind: 'capture',
      attribute: 'email',
      input: 'text',
    };
    expect(show(ask, { type: 'invalid', seq: 2, at: 2, cardId: 'email', message: 'Not an email.' }).textContent).toBe(
      '',
    );
    expect(show(ask, { type: 'visitor', seq: 2, at: 2, text: 'x', clientId: 'c' }).textContent).toContain('Email?');
  });
});
