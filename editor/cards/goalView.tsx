import { useT } from '../i18n/I18n.tsx';
import { Field, TextField } from '../ui/Field.tsx';
import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { issueAt } from './issues.ts';

export const goalView: CardView<'goal'> = {
  label: 'card.goal',
  color: 'var(--card-goal)',
  hex: '#d97706',
  icon: icons.goal,
  Body: ({ data, t }) => (
    <div className="card-meta">
      <strong className="card-title">{data.name || '?'}</strong>
      {data.score !== undefined ? <span className="pill">{t('card.score', { score: data.score })}</span> : null}
    </div>
  ),
  Inspector: function GoalInspector({ data, onChange, issues }) {
    const t = useT();
    return (
      <>
        <TextField
          label={t('inspector.goalName')}
          error={issueAt(issues, 'name')}
          value={data.name ?? ''}
          onChange={(name) => onChange({ ...data, name })}
        />
        <Field label={t('inspector.score')} error={issueAt(issues, 'score')}>
          {(id) => (
            <select
              id={id}
              className="input"
              value={data.score ?? ''}
              onChange={(e) => {
                const { score: _s, ...rest } = data;
                onChange(e.target.value === '' ? rest : { ...rest, score: Number(e.target.value) });
              }}
            >
              <option value="">{t('inspector.none')}</option>
              {[0, 1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
      </>
    );
  },
};
