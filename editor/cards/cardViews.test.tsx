import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CARD_TYPES, getCard } from '../../shared/cards/index.ts';
import { translate } from '../i18n/I18n.tsx';
import { cardTitle, viewOf } from './cardViews.ts';
import { genericView } from './genericView.tsx';
import { messageView } from './messageView.tsx';

describe('card views', () => {
  it('names every card type of the catalog in English and Korean from its definition', () => {
    for (const type of CARD_TYPES) {
      expect(cardTitle(type)?.en, type).toMatch(/\S/);
      expect(cardTitle(type)?.ko, type).toMatch(/\S/);
      expect(viewOf(type), type).toBeDefined();
    }
    expect(viewOf('meeting')).toBeUndefined();
    expect(cardTitle('meeting')).toBeUndefined();
    expect(viewOf('message')).toBe(messageView);
  });

  it('draws a card type without a view of its own with the generic view: its first text as the summary', () => {
    const view = genericView('question');
    const t = (key: Parameters<typeof translate>[1]) => translate('en', key);
    const data = { ...getCard('question')!.defaults(), prompt: 'Need a hand?' };
    const html = renderToStaticMarkup(<view.Body data={data} t={t as never} workspace={{} as never} />);
    expect(html).toContain('Need a hand?');
    const empty = renderToStaticMarkup(
      <view.Body data={{ ...data, prompt: '', answers: [] }} t={t as never} workspace={{} as never} />,
    );
    expect(empty).toContain(translate('en', 'card.noText'));
  });
});
