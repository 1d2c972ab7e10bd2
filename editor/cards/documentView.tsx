import { useT } from '../i18n/I18n.tsx';
import { TextField } from '../ui/Field.tsx';
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
        <TextField
          label={t('inspector.docName')}
          error={issueAt(issues, 'name')}
          value={data.name ?? ''}
          onChange={(name) => onChange({ ...data, name })}
        />
        <TextField
          label={t('inspector.url')}
          error={issueAt(issues, 'url')}
          type="url"
          placeholder="https://"
          value={data.url ?? ''}
          onChange={(url) => onChange({ ...data, url })}
        />
      </>
    );
  },
};
