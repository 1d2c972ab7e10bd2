import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { TokenizedText } from './TokenizedText.tsx';

export const questionView: CardView<'question'> = {
  color: 'var(--card-question)',
  hex: '#8b5cf6',
  icon: icons.question,
  Body: ({ data, t }) => (
    <>
      <p className="card-text">{data.prompt ? <TokenizedText text={data.prompt} /> : <em>{t('card.noText')}</em>}</p>
      {data.attribute ? <span className="pill">{t('card.sets', { attribute: data.attribute })}</span> : null}
    </>
  ),
  portLabel: (data, port) => data.answers.find((a) => a.id === port)?.label || port,
};
