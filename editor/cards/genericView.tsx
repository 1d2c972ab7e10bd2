import { getCard } from '../../shared/cards/index.ts';
import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { TokenizedText } from './TokenizedText.tsx';

/**
 * The view of a card type that has none of its own: a neutral colour and icon, and as its summary the first of the
 * card's texts (what `texts` of its definition lists). A new card type works in the editor with its definition file
 * alone; give it a view in `cardViews.ts` for a colour, an icon or a summary of its own.
 */
export function genericView(type: string): CardView<any> {
  return {
    color: 'var(--card-generic)',
    hex: '#475569',
    icon: icons.card,
    Body: ({ data, t }) => {
      const texts = getCard(type)?.texts(data) ?? [];
      const text = texts.find((x) => x.trim() !== '');
      return <p className="card-text">{text ? <TokenizedText text={text} /> : <em>{t('card.noText')}</em>}</p>;
    },
  };
}
