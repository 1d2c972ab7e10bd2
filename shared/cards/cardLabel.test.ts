import { describe, expect, it } from 'vitest';
import type { Card, Edge } from '../stream/model.ts';
import { cardPhrase, cardRefs, edgePhrase } from './cardLabel.ts';

const card = (id: string, type: string, data: unknown, y = 0, x = 0): Card => ({ id, type, data, position: { x, y } });
const edge = (from: string, to: string, port = 'next'): Edge => ({ id: `${from}:${port}->${to}`, from, port, to });

const cards = [
  card('hello', 'message', { text: 'Welcome!\n  How can we   help?' }, 0),
  card('ask', 'question', { prompt: 'Talk to sales?', answers: [{ id: 'yes', label: 'Yes' }] }, 200),
  card('chat-1', 'liveChat', {}, 400),
  card('cond-b', 'condition', { branches: [] }, 600, 300),
  card('cond-a', 'condition', { branches: [] }, 600, 0),
  card('blank', 'message', { text: '   ' }, 800),
  card('odd', 'noSuchType', {}, 900),
];
const edges = [edge('hello', 'ask'), edge('ask', 'chat-1', 'yes'), edge('chat-1', 'cond-a'), edge('cond-a', 'blank')];
const refOf = cardRefs(cards, edges);
const say = (id: string, lang: 'en' | 'ko') => cardPhrase(refOf(id)!, lang);

describe('naming cards and edges to a person, never by id', () => {
  it('names a card by what it says, one short line', () => {
    expect(say('hello', 'en')).toBe('‘Welcome! How can we help?’');
    expect(say('ask', 'ko')).toBe('‘Talk to sales?’');
    const long = cardRefs([card('l', 'message', { text: 'x'.repeat(80) })], [])('l');
    expect(long).toEqual({ says: `${'x'.repeat(47)}…` });
    // Cut at a word's end.
    const text = 'Thanks {{firstName}}! We will be in touch within one working day.';
    expect(cardRefs([card('t', 'message', { text })], [])('t')).toEqual({
      says: 'Thanks {{firstName}}! We will be in touch…',
    });
  });

  it('names a card that says nothing by its type and the card before it that says something', () => {
    expect(say('chat-1', 'en')).toBe('the Live chat card after ‘Talk to sales?’');
    expect(say('chat-1', 'ko')).toBe('‘Talk to sales?’ 다음의 라이브 채팅 카드');
  });

  it('else by its number among the cards of its type, top to bottom then left to right, or its type alone', () => {
    // cond-a follows only a card that says nothing: numbered. It is left of cond-b on the same row: first.
    expect(say('cond-a', 'en')).toBe('Condition card 1');
    expect(say('cond-b', 'en')).toBe('Condition card 2');
    expect(say('cond-b', 'ko')).toBe('조건 카드 2');
    // A blank message after a condition: the only blank one, but two messages: numbered among messages.
    expect(say('blank', 'en')).toBe('Message card 2');
    expect(say('odd', 'en')).toBe('the Unknown card');
    expect(say('odd', 'ko')).toBe('알 수 없는 카드');
    expect(refOf('nope')).toBeUndefined();
  });

  it('names an edge by both ends, in English and Korean', () => {
    expect(edgePhrase(refOf('hello'), refOf('ask'), 'en')).toBe('From ‘Welcome! How can we help?’ to ‘Talk to sales?’');
    expect(edgePhrase(refOf('ask'), refOf('chat-1'), 'ko')).toBe(
      '‘Talk to sales?’에서 ‘Talk to sales?’ 다음의 라이브 채팅 카드로',
    );
    expect(edgePhrase(refOf('hello'), refOf('ask'), 'ko')).toBe(
      '‘Welcome! How can we help?’에서 ‘Talk to sales?’(으)로',
    );
    expect(edgePhrase(refOf('chat-1'), refOf('cond-a'), 'ko')).toBe(
      '‘Talk to sales?’ 다음의 라이브 채팅 카드에서 조건 카드 1로',
    );
    expect(edgePhrase(refOf('hello'), refOf('gone'), 'en')).toBe('From ‘Welcome! How can we help?’ to a missing card');
    for (const e of edges)
      for (const lang of ['en', 'ko'] as const)
        for (const c of cards) expect(edgePhrase(refOf(e.from), refOf(e.to), lang)).not.toContain(c.id);
  });
});
