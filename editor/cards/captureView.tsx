import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { TokenizedText } from './TokenizedText.tsx';

export const captureView: CardView<'capture'> = {
  color: 'var(--card-capture)',
  hex: '#0d9488',
  icon: icons.capture,
  Body: ({ data, t }) => (
    <>
      <p className="card-text">{data.prompt ? <TokenizedText text={data.prompt} /> : <em>{t('card.noText')}</em>}</p>
      <div className="card-meta">
        <span className="pill pill--attr">{data.attribute || '?'}</span>
        <span className="card-meta__dim">
          {data.ifKnown === 'overwrite' ? t('card.overwrite') : t('card.skipIfKnown')}
        </span>
      </div>
    </>
  ),
};
