// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_TYPES, cards, type CardType } from '../../shared/cards/index.ts';
import type { Stream } from '../../shared/stream/model.ts';
import { StoryFrame } from '../stories/StoryFrame.tsx';
import { storySession } from '../stories/storySession.ts';
import { Inspector } from './Inspector.tsx';

/** The inspector generated from each card's schema metadata: every text input through the one TextField. */
afterEach(cleanup);

const one = (type: string, data: unknown): Stream => ({
  name: 'Form',
  start: 'c',
  cards: [{ id: 'c', type, data, position: { x: 0, y: 0 } }],
  edges: [],
});

function open(type: CardType, lang: 'en' | 'ko' = 'en', data: unknown = cards[type].defaults()) {
  const session = storySession(one(type, data), { selected: ['c'] });
  const { container } = render(
    <StoryFrame lang={lang}>
      <Inspector session={session} />
    </StoryFrame>,
  );
  const form = container.querySelector('.inspector__form')!;
  const texts = [...form.querySelectorAll('textarea, input:not([type="checkbox"]):not([type="radio"])')];
  return { session, form, texts };
}

/** The text inputs of each card's default data, by the card data field they edit (SPEC §8.5). */
const TEXT_FIELDS: Record<CardType, string[]> = {
  message: ['text'],
  question: ['prompt', 'answers.0.label', 'answers.0.value', 'answers.1.label', 'answers.1.value', 'attribute'],
  capture: ['attribute', 'prompt', 'placeholder'],
  liveChat: [],
  goal: ['name'],
  condition: ['branches.0.when.attribute'],
  action: ['attribute', 'value'],
  document: ['name', 'url'],
};

describe('generated inspector', () => {
  for (const type of CARD_TYPES) {
    it(`${type}: every text input is a data-tributary="field" naming its card data field`, () => {
      const { texts } = open(type);
      for (const el of texts) expect(el.getAttribute('data-tributary'), el.outerHTML).toBe('field');
      expect(texts.map((el) => el.getAttribute('data-field'))).toEqual(TEXT_FIELDS[type]);
    });
  }

  it('writes what is typed to the card data, and removes an optional text left empty', () => {
    const { session, form } = open('capture');
    fireEvent.change(form.querySelector('[data-field="prompt"]')!, { target: { value: 'Your e-mail?' } });
    fireEvent.change(form.querySelector('[data-field="placeholder"]')!, { target: { value: 'me@example.com' } });
    expect(session.binding.store.card('c')?.data).toMatchObject({
      prompt: 'Your e-mail?',
      placeholder: 'me@example.com',
    });
    fireEvent.change(form.querySelector('[data-field="placeholder"]')!, { target: { value: '' } });
    expect(session.binding.store.card('c')?.data).not.toHaveProperty('placeholder');
  });

  it('shows a field only while its condition holds, and labels in Korean', () => {
    const picklist = { ...cards.capture.defaults(), input: 'picklist', options: ['A', 'B'] };
    expect(open('capture').form.querySelector('[data-field="options"]')).toBeNull();
    cleanup();
    const { form } = open('capture', 'ko', picklist);
    expect((form.querySelector('[data-field="options"]') as HTMLTextAreaElement).value).toBe('A\nB');
    expect(form.textContent).toContain('선택지 (한 줄에 하나)');
    expect(form.textContent).toContain('입력 방식');
  });

  it('adds a list item with a fresh id, and shows schema issues at their field', () => {
    const { session, form } = open('question', 'en', {
      prompt: '',
      answers: [{ id: 'a1', label: 'Yes' }],
    });
    expect(form.textContent).toContain('write the question');
    fireEvent.click([...form.querySelectorAll('button')].find((b) => b.textContent?.includes('Add answer'))!);
    const answers = (session.binding.store.card('c')?.data as { answers: { id: string }[] }).answers;
    expect(answers.map((a) => a.id)).toEqual(['a1', 'a2']);
  });
});
