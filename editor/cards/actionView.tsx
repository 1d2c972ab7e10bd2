import { useT } from '../i18n/I18n.tsx';
import { AttributeSelect } from '../inspector/AttributeSelect.tsx';
import { TokenText } from '../inspector/TokenText.tsx';
import { Field } from '../ui/Field.tsx';
import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { issueAt } from './issues.ts';
import { TokenizedText } from './TokenizedText.tsx';

export const actionView: CardView<'action'> = {
  label: 'card.action',
  color: 'var(--card-action)',
  hex: '#059669',
  icon: icons.action,
  Body: ({ data }) => (
    <p className="card-text card-text--mono">
      <span className="pill pill--attr">{data.attribute || '?'}</span> = <TokenizedText text={data.value ?? ''} />
    </p>
  ),
  Inspector: function ActionInspector({ data, onChange, issues, attributes }) {
    const t = useT();
    return (
      <>
        <Field label={t('inspector.attribute')} error={issueAt(issues, 'attribute')}>
          {(id) => (
            <AttributeSelect
              id={id}
              value={data.attribute}
              attributes={attributes}
              invalid={!!issueAt(issues, 'attribute')}
              onChange={(attribute) => onChange({ ...data, attribute: attribute ?? '' })}
            />
          )}
        </Field>
        <Field label={t('inspector.value')} error={issueAt(issues, 'value')}>
          {(id) => (
            <TokenText
              id={id}
              value={data.value ?? ''}
              attributes={attributes}
              onChange={(value) => onChange({ ...data, value })}
            />
          )}
        </Field>
      </>
    );
  },
};
