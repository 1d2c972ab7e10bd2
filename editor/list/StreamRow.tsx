import type { StreamSummary } from '../api/types.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { Avatars } from '../presence/Avatars.tsx';
import { personColor } from '../../shared/brand.ts';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import { formatDateTime } from '../../web/formatDate.ts';

type Action = (s: StreamSummary) => void;

/** One stream in the list, with who is editing it now. */
export function StreamRow({
  stream: s,
  actions,
}: {
  stream: StreamSummary;
  actions: { open: Action; exportDoc: Action; duplicate: Action; rename: Action; remove: Action };
}) {
  const { t, lang } = useI18n();
  const editors = (s.editors ?? []).map((e) => ({ name: e.name, color: personColor(e.name) }));
  return (
    <tr data-stream-id={s.id}>
      <td>
        <a
          className="table__name"
          href={`/streams/${encodeURIComponent(s.id)}`}
          onClick={(e) => {
            e.preventDefault();
            actions.open(s);
          }}
        >
          {s.name || s.id}
        </a>
      </td>
      <td>
        {s.latestVersion ? (
          <span className="pill pill--success">{t('list.published', { version: s.latestVersion })}</span>
        ) : (
          <span className="pill">{t('list.draft')}</span>
        )}
      </td>
      <td>{editors.length ? <Avatars people={editors} /> : <span className="muted">{t('list.nobody')}</span>}</td>
      <td className="muted">{s.updatedAt ? formatDateTime(s.updatedAt, lang) : ''}</td>
      <td className="table__actions">
        <button
          type="button"
          className="icon-btn"
          title={t('list.export')}
          aria-label={t('list.export')}
          onClick={() => actions.exportDoc(s)}
        >
          <Icon path={icons.download} />
        </button>
        <button
          type="button"
          className="icon-btn"
          title={t('list.duplicate')}
          aria-label={t('list.duplicate')}
          onClick={() => actions.duplicate(s)}
        >
          <Icon path={icons.copy} />
        </button>
        <button
          type="button"
          className="icon-btn"
          title={t('list.rename')}
          aria-label={t('list.rename')}
          onClick={() => actions.rename(s)}
        >
          <Icon path={icons.edit} />
        </button>
        <button
          type="button"
          className="icon-btn icon-btn--danger"
          title={t('list.delete')}
          aria-label={t('list.delete')}
          onClick={() => actions.remove(s)}
        >
          <Icon path={icons.trash} />
        </button>
      </td>
    </tr>
  );
}
