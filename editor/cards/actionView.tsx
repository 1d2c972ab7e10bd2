import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { TokenizedText } from './TokenizedText.tsx';

export const actionView: CardView<'action'> = {
  color: 'var(--card-action)',
  hex: '#059669',
  icon: icons.action,
  Body: ({ data }) => (
    <p className="card-text card-text--mono">
      <span className="pill pill--attr">{data.attribute || '?'}</span> = <TokenizedText text={data.value ?? ''} />
    </p>
  ),
};
