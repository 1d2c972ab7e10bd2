import { isCardType } from '../../shared/cards/index.ts';
import { cardViewRecord } from '../cards/cardViews.ts';
import { useT } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import type { StreamDiff } from './diffStreams.ts';

/** Cards added, removed and changed between two versions (with the fields that changed), and the edge count. */
export function DiffView({ diff, from, to }: { diff: StreamDiff; from: number; to: number }) {
  const t = useT();
  const label = (type: string) => (isCardType(type) ? t(cardViewRecord[type].label) : type);
  const icon = (type: string) => (isCardType(type) ? cardViewRecord[type].icon : icons.unknown);
  const none = !diff.added.length && !diff.removed.length && !diff.changed.length;
  return (
    <section className="diff" data-tributary="diff">
      <h4 className="diff__title">{t('versions.diffTitle', { from, to })}</h4>
      {none ? <p className="muted">{t('versions.noChanges')}</p> : null}
      {(
        [
          ['added', diff.added.map((c) => ({ id: c.id, type: c.type, note: '' }))],
          ['removed', diff.removed.map((c) => ({ id: c.id, type: c.type, note: '' }))],
          ['changed', diff.changed.map((c) => ({ id: c.id, type: c.type, note: c.fields.join(', ') }))],
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
                  <code>{r.id}</code>
                  {r.note ? <span className="diff__note">{r.note}</span> : null}
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
