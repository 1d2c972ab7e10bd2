import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';

export const goalView: CardView<'goal'> = {
  color: 'var(--card-goal)',
  hex: '#d97706',
  icon: icons.goal,
  Body: ({ data, t }) => (
    <div className="card-meta">
      <strong className="card-title">{data.name || '?'}</strong>
      {data.score !== undefined ? <span className="pill">{t('card.score', { score: data.score })}</span> : null}
    </div>
  ),
};
