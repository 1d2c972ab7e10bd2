import { Field } from '../ui/Field.tsx';
import { icons } from '../ui/icons.ts';
import { useT } from '../i18n/I18n.tsx';
import { TokenText } from '../inspector/TokenText.tsx';
import type { CardView } from './cardView.ts';
import { issueAt } from './issues.ts';
import { TokenizedText } from './TokenizedText.tsx';

export const messageView: CardView<'message'> = {
  label: 'card.message',
  color: 'var(--card-message)',
  hex: '#3b82f6',
  icon: icons.message,
  Body: ({ data, t }) => (
    <>
      <p className="card-text">{data.text ? <TokenizedText text={data.text} /> : <em>{t('card.noText')}</em>}</p>
      {data.poke ? <span className="pill pill--accent">{t('card.poke')}</span> : null}
    </>
  ),
  Inspector: function MessageInspector({ data, onChange, issues, attributes }) {
    const t = useT();
    return (
      <>
        <Field label={t('inspector.text')} error={issueAt(issues, 'text')}>
          {(id) => (
            <TokenText
              id={id}
              rows={4}
              value={data.text ?? ''}
              attributes={attributes}
              invalid={!!issueAt(issues, 'text')}
              onChange={(text) => onChange({ ...data, text })}
            />
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={!!data.poke}
            onChange={(e) => onChange({ ...data, poke: e.target.checked })}
          />
          {t('inspector.poke')}
        </label>
      </>
    );
  },
};
