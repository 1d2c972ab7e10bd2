import { useT } from '../i18n/I18n.tsx';
import { Field } from '../ui/Field.tsx';
import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';
import { issueAt } from './issues.ts';

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export const documentView: CardView<'document'> = {
  label: 'card.document',
  color: 'var(--card-document)',
  hex: '#0284c7',
  icon: icons.document,
  Body: ({ data }) => (
    <>
      <strong className="card-title">{data.name || '?'}</strong>
      <p className="card-text card-text--dim">{host(data.url ?? '')}</p>
    </>
  ),
  Inspector: function DocumentInspector({ data, onChange, issues }) {
    const t = useT();
    return (
      <>
        <Field label={t('inspector.docName')} error={issueAt(issues, 'name')}>
          {(id) => (
            <input
              id={id}
              className={'input' + (issueAt(issues, 'name') ? ' input--invalid' : '')}
              value={data.name ?? ''}
              onChange={(e) => onChange({ ...data, name: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('inspector.url')} error={issueAt(issues, 'url')}>
          {(id) => (
            <input
              id={id}
              type="url"
              className={'input' + (issueAt(issues, 'url') ? ' input--invalid' : '')}
              value={data.url ?? ''}
              placeholder="https://"
              onChange={(e) => onChange({ ...data, url: e.target.value })}
            />
          )}
        </Field>
      </>
    );
  },
};
