import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { TokenizedText } from './TokenizedText.tsx';

export const messageView: CardView<'message'> = {
  color: 'var(--card-message)',
  hex: '#3b82f6',
  icon: icons.message,
  Body: ({ data, t }) => (
    <>
      <p className="card-text">{data.text ? <TokenizedText text={data.text} /> : <em>{t('card.noText')}</em>}</p>
      {data.poke ? <span className="pill pill--accent">{t('card.poke')}</span> : null}
    </>
  ),
};
