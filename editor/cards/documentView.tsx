import { icons } from '../ui/icons.ts';
import type { CardView } from './cardView.ts';

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export const documentView: CardView<'document'> = {
  color: 'var(--card-document)',
  hex: '#0284c7',
  icon: icons.document,
  Body: ({ data }) => (
    <>
      <strong className="card-title">{data.name || '?'}</strong>
      <p className="card-text card-text--dim">{host(data.url ?? '')}</p>
    </>
  ),
};
