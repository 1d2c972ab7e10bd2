import { cardTitle, viewOf } from '../cards/cardViews.ts';
import { useLocalText } from '../i18n/useLocalText.ts';
import { useT } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import type { Card } from '../../shared/stream/model.ts';
import { cardName } from '../cards/cardName.ts';
import type { StreamDiff } from './diffStreams.ts';

/** Cards added, removed and changed between two versions (with the fields that changed), and the edge count. */
export function DiffView({ diff, from, to }: { diff: StreamDiff; from: number; to: number }) {
  const t = useT();
  const local = useLocalText();
  const label = (type: string) => {
    const title = cardTitle(type);
    return title ? local(title) : type;
  };
  const icon = (type: string) => viewOf(type)?.icon ?? icons.unknown;
  const none = !diff.added.length && !diff.removed.length && !diff.changed.length;
  return (
    <section className="diff" data-tributary="diff">
      <h4 className="diff__title">{t('versions.diffTitle', { from, to })}</h4>
      {none ? <p className="muted">{t('versions.noChanges')}</p> : null}
      {(
        [
          ['added', diff.added.map((c) => ({ id: c.id, name: cardName(c), type: c.type, changes: [] }))],
          ['removed', diff.removed.map((c) => ({ id: c.id, name: cardName(c), type: c.type, changes: [] }))],
          [
            'changed',
            diff.changed.map((c) => ({
              id: c.id,
              name: cardName(c.after),
              type: c.type,
              changes: c.fields.map((f) => ({ field: f, from: fieldValue(c.before, f), to: fieldValue(c.after, f) })),
            })),
          ],
        ] as const
      ).map(([kind, rows]) =>
        rows.length ? (
          <div key={kind} className={`diff__group diff__group--${kind}`}>
            <div className="diff__kind">
              {t(`versions.${kind}`)} <span className="badge badge--muted">{rows.length}</span>
            </div>
            <ul>
              {rows.map((r) => (
                <li key={r.id} className="diff__row" data-diff={kind}>
                  <Icon path={icon(r.type)} size={13} />
                  <span className="diff__type">{label(r.type)}</span>
                  <span className="diff__name" title={r.id}>
                    {r.name}
                  </span>
                  {r.changes.length ? (
                    <ul className="diff__changes">
                      {r.changes.map((c) => (
                        <li key={c.field} data-field={c.field}>
                          <span className="diff__field">{c.field}</span> <del className="diff__old">{c.from}</del>
                          {' → '}
                          <ins className="diff__new">{c.to}</ins>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
      <p className="diff__edges muted">
        {t('versions.edges', { added: diff.edgesAdded.length, removed: diff.edgesRemoved.length })}
      </p>
    </section>
  );
}

/** A field's value as a person reads it: texts quoted, lists by their labels, nothing as "—", cut to one line. */
function fieldValue(card: Card, field: string): string {
  const v = field === 'type' ? card.type : (card.data as Record<string, unknown> | null)?.[field];
  const show = (x: unknown): string => {
    if (x === undefined || x === null || x === '') return '—';
    if (typeof x === 'string') return `“${x}”`;
    if (Array.isArray(x))
      return (
        x
          .map((i) =>
            i && typeof i === 'object' ? show((i as any).label ?? (i as any).id ?? JSON.stringify(i)) : show(i),
          )
          .join(', ') || '—'
      );
    if (typeof x === 'object')
      return Object.values(x as object)
        .map((i) => (typeof i === 'string' ? i : JSON.stringify(i)))
        .join(' ');
    return String(x);
  };
  const text = show(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
