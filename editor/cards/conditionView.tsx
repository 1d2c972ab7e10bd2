import { ELSE_PORT } from '../../shared/cards/condition.ts';
import { conditionSummary } from '../inspector/ConditionBuilder.tsx';
import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';

export const conditionView: CardView<'condition'> = {
  color: 'var(--card-condition)',
  hex: '#4f46e5',
  icon: icons.condition,
  Body: ({ data, t }) => (
    <p className="card-text card-text--dim">
      {data.branches.length} × {t('inspector.branches').toLowerCase()} + {t('card.else')}
    </p>
  ),
  portLabel: (data, port, t) =>
    port === ELSE_PORT ? t('card.else') : conditionSummary(data.branches.find((b) => b.id === port)?.when, t),
};
