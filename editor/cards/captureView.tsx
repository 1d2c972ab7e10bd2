import { useT } from '../i18n/I18n.tsx';
import { AttributeSelect } from '../inspector/AttributeSelect.tsx';
import { TokenText } from '../inspector/TokenText.tsx';
import { Field } from '../ui/Field.tsx';
import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { issueAt } from './issues.ts';
import { TokenizedText } from './TokenizedText.tsx';

export const captureView: CardView<'capture'> = {
  label: 'card.capture',
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
  Inspector: function CaptureInspector({ data, onChange, issues, attributes }) {
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
        <Field label={t('inspector.prompt')} error={issueAt(issues, 'prompt')}>
          {(id) => (
            <TokenText
              id={id}
              rows={2}
              value={data.prompt ?? ''}
              attributes={attributes}
              invalid={!!issueAt(issues, 'prompt')}
              onChange={(prompt) => onChange({ ...data, prompt })}
            />
          )}
        </Field>
        <Field label={t('inspector.placeholder')} error={issueAt(issues, 'placeholder')}>
          {(id) => (
            <input
              id={id}
              className="input"
              value={data.placeholder ?? ''}
              onChange={(e) => {
                const { placeholder: _p, ...rest } = data;
                onChange(e.target.value ? { ...rest, placeholder: e.target.value } : rest);
              }}
            />
          )}
        </Field>
        <div className="field-row">
          <Field label={t('inspector.input')}>
            {(id) => (
              <select
                id={id}
                className="input"
                value={data.input ?? 'text'}
                onChange={(e) => onChange({ ...data, input: e.target.value as 'text' | 'picklist' })}
              >
                <option value="text">{t('inspector.inputText')}</option>
                <option value="picklist">{t('inspector.inputPicklist')}</option>
              </select>
            )}
          </Field>
          <Field label={t('inspector.ifKnown')}>
            {(id) => (
              <select
                id={id}
                className="input"
                value={data.ifKnown ?? 'skip'}
                onChange={(e) => onChange({ ...data, ifKnown: e.target.value as 'skip' | 'overwrite' })}
              >
                <option value="skip">{t('card.skipIfKnown')}</option>
                <option value="overwrite">{t('card.overwrite')}</option>
              </select>
            )}
          </Field>
        </div>
        {data.input === 'picklist' ? (
          <Field label={t('inspector.options')} error={issueAt(issues, 'options')}>
            {(id) => (
              <textarea
                id={id}
                rows={4}
                className={'input' + (issueAt(issues, 'options') ? ' input--invalid' : '')}
                value={(data.options ?? []).join('\n')}
                onChange={(e) => onChange({ ...data, options: e.target.value.split('\n') })}
              />
            )}
          </Field>
        ) : null}
      </>
    );
  },
};
