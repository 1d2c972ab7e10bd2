import { useT } from '../i18n/I18n.tsx';
import { AttributeSelect } from '../inspector/AttributeSelect.tsx';
import { freshId, ListControls, moveItem } from '../inspector/ListControls.tsx';
import { TokenText } from '../inspector/TokenText.tsx';
import { Field } from '../ui/Field.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { issueAt } from './issues.ts';
import { TokenizedText } from './TokenizedText.tsx';

export const questionView: CardView<'question'> = {
  label: 'card.question',
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
  Inspector: function QuestionInspector({ data, onChange, issues, attributes }) {
    const t = useT();
    const answers = Array.isArray(data.answers) ? data.answers : [];
    const setAnswers = (next: typeof answers) => onChange({ ...data, answers: next });
    return (
      <>
        <Field label={t('inspector.prompt')} error={issueAt(issues, 'prompt')}>
          {(id) => (
            <TokenText
              id={id}
              rows={3}
              value={data.prompt ?? ''}
              attributes={attributes}
              invalid={!!issueAt(issues, 'prompt')}
              onChange={(prompt) => onChange({ ...data, prompt })}
            />
          )}
        </Field>
        <fieldset className="group">
          <legend>{t('inspector.answers')}</legend>
          {issueAt(issues, 'answers') ? <div className="field__error">{issueAt(issues, 'answers')}</div> : null}
          {answers.map((a, i) => (
            <div className="list-row" key={a.id ?? i}>
              <div className="list-row__main">
                <input
                  className={'input' + (issueAt(issues, 'answers', i, 'label') ? ' input--invalid' : '')}
                  aria-label={`${t('inspector.answerLabel')} ${i + 1}`}
                  placeholder={t('inspector.answerLabel')}
                  value={a.label ?? ''}
                  onChange={(e) => setAnswers(answers.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
                />
                <input
                  className="input input--small"
                  aria-label={`${t('inspector.answerValue')} ${i + 1}`}
                  placeholder={t('inspector.answerValue')}
                  value={a.value ?? ''}
                  onChange={(e) =>
                    setAnswers(
                      answers.map((x, j) => {
                        if (j !== i) return x;
                        const { value: _drop, ...rest } = x;
                        return e.target.value ? { ...rest, value: e.target.value } : rest;
                      }),
                    )
                  }
                />
                {issueAt(issues, 'answers', i, 'label') ? (
                  <div className="field__error">{issueAt(issues, 'answers', i, 'label')}</div>
                ) : null}
              </div>
              <ListControls
                index={i}
                count={answers.length}
                onMove={(from, to) => setAnswers(moveItem(answers, from, to))}
                onRemove={(j) => setAnswers(answers.filter((_, k) => k !== j))}
              />
            </div>
          ))}
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() =>
              setAnswers([
                ...answers,
                {
                  id: freshId(
                    'a',
                    answers.map((a) => a.id),
                  ),
                  label: '',
                },
              ])
            }
          >
            <Icon path={icons.plus} size={14} /> {t('inspector.addAnswer')}
          </button>
        </fieldset>
        <Field label={t('inspector.storeAnswerIn')} error={issueAt(issues, 'attribute')}>
          {(id) => (
            <AttributeSelect
              id={id}
              optional
              value={data.attribute}
              attributes={attributes}
              invalid={!!issueAt(issues, 'attribute')}
              onChange={(attribute) => {
                const { attribute: _old, ...rest } = data;
                onChange(attribute === undefined ? rest : { ...rest, attribute });
              }}
            />
          )}
        </Field>
      </>
    );
  },
};
