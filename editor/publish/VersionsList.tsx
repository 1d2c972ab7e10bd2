import type { VersionSummary } from '../api/types.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { formatDateTime } from '../../web/formatDate.ts';

/** Published versions, newest first: number, time, author, hash; tick two to compare, restore one as the draft. */
export function VersionsList({
  versions,
  picked,
  onPick,
  onRollback,
  onRestore,
  nameOf = (id) => id,
}: {
  versions: VersionSummary[];
  picked: number[];
  onPick(version: number): void;
  onRollback?(version: number): void;
  onRestore?(version: number): void;
  /** A person's name from their user id (authors are stored by id). */
  nameOf?(id: string): string;
}) {
  const { t, lang } = useI18n();
  if (!versions.length) return <p className="empty">{t('versions.empty')}</p>;
  const newest = Math.max(...versions.map((v) => v.version));
  return (
    <ul className="versions">
      {[...versions]
        .sort((a, b) => b.version - a.version)
        .map((v) => (
          <li key={v.version} className="versions__row" data-tributary="version" data-version={v.version}>
            <label className="versions__pick">
              <input
                type="checkbox"
                checked={picked.includes(v.version)}
                onChange={() => onPick(v.version)}
                aria-label={`${t('versions.compare')} v${v.version}`}
              />
              <strong>v{v.version}</strong>
              {v.version === newest ? <span className="pill pill--success">{t('versions.current')}</span> : null}
            </label>
            <div className="versions__meta">
              <span title={t('versions.time')}>{formatDateTime(v.publishedAt, lang)}</span>
              <span title={t('versions.author')}>{v.publishedBy ? nameOf(v.publishedBy) : '—'}</span>
              <code title={v.hash}>{shortHash(v.hash)}</code>
            </div>
            <div className="versions__actions">
              {onRestore ? (
                <button type="button" className="btn btn--small btn--ghost" onClick={() => onRestore(v.version)}>
                  {t('versions.restore')}
                </button>
              ) : null}
              {onRollback && v.version !== newest ? (
                <button type="button" className="btn btn--small" onClick={() => onRollback(v.version)}>
                  {t('versions.rollback')}
                </button>
              ) : null}
            </div>
          </li>
        ))}
    </ul>
  );
}

function shortHash(hash: string): string {
  const hex = hash.includes(':') ? hash.split(':')[1] : hash;
  return hex.slice(0, 10);
}
