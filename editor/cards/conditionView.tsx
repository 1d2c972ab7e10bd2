import { ELSE_PORT } from '../../shared/cards/condition.ts';
import { useT } from '../i18n/I18n.tsx';
import { ConditionBuilder, conditionSummary } from '../inspector/ConditionBuilder.tsx';
import { freshId, ListControls, moveItem } from '../inspector/ListControls.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { issueAt } from './issues.ts';

export const conditionView: CardView<'condition'> = {
  label: 'card.condition',
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
  Inspector: function ConditionInspector({ data, onChange, issues, attributes, workspace }) {
    const t = useT();
    const branches = Array.isArray(data.branches) ? data.branches : [];
    const set = (next: typeof branches) => onChange({ ...data, branches: next });
    return (
      <fieldset className="group">
        <legend>{t('inspector.branches')}</legend>
        {issueAt(issues, 'branches') ? <div className="field__error">{issueAt(issues, 'branches')}</div> : null}
        {branches.map((b, i) => (
          <div className="list-row list-row--block" key={b.id ?? i}>
            <div className="list-row__head">
              <strong>{t('inspector.branch', { n: i + 1 })}</strong>
              <ListControls
                index={i}
                count={branches.length}
                onMove={(from, to) => set(moveItem(branches, from, to))}
                onRemove={(j) => set(branches.filter((_, k) => k !== j))}
              />
            </div>
            <ConditionBuilder
              value={b.when}
              attributes={attributes}
              workspace={workspace}
              onChange={(when) => set(branches.map((x, j) => (j === i ? { ...x, when } : x)))}
            />
            {[...issues.entries()]
              .filter(([path]) => path.startsWith(`branches.${i}.`))
              .slice(0, 1)
              .map(([path, message]) => (
                <div className="field__error" key={path}>
                  {message}
                </div>
              ))}
          </div>
        ))}
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() =>
            set([
              ...branches,
              {
                id: freshId(
                  'b',
                  branches.map((b) => b.id),
                ),
                when: { attribute: 'email', op: 'isNotEmpty' },
              },
            ])
          }
        >
          <Icon path={icons.plus} size={14} /> {t('inspector.addBranch')}
        </button>
        <p className="field__hint">{t('inspector.elseHint')}</p>
      </fieldset>
    );
  },
};
