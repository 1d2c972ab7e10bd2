import { useI18n } from '../i18n/I18n.tsx';
import { formatDateTime } from '../../web/formatDate.ts';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import type { RangePreset } from './resultsRange.ts';
import { useResultsState, type ResultsStore } from './resultsStore.ts';

const PRESETS: RangePreset[] = ['all', 'today', '7d', '30d', 'custom'];
const OUTCOMES = ['started', 'engaged', 'completed', 'handoff', 'missed', 'dropped'] as const;

/**
 * Over the canvas while results are on: which version and dates the counts are of, the stream's outcomes and goals,
 * when the counts were last read, and what of the draft differs from that version.
 */
export function ResultsBar({ store }: { store: ResultsStore }) {
  const { t, lang } = useI18n();
  const s = useResultsState(store);
  if (!s.on) return null;
  const r = s.results;
  const shownVersion = r?.version ?? null;
  const latest = s.versions[0]?.version;
  return (
    <section className="results-bar" aria-label={t('results.title')}>
      <div className="results-bar__row">
        <strong className="results-bar__title">
          <Icon path={icons.chart} size={15} /> {t('results.title')}
        </strong>
        <label className="results-bar__field">
          <span>{t('results.version')}</span>
          <select
            className="input input--small"
            data-tributary="results-version"
            value={s.version ?? ''}
            onChange={(e) => store.choose({ version: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">
              {latest !== undefined ? t('results.latest', { version: latest }) : t('results.latestNone')}
            </option>
            {s.versions.map((v) => (
              <option key={v.version} value={v.version}>
                {t('results.versionN', { version: v.version })}
              </option>
            ))}
          </select>
        </label>
        <label className="results-bar__field">
          <span>{t('results.range')}</span>
          <select
            className="input input--small"
            data-tributary="results-range"
            value={s.range.preset}
            onChange={(e) => store.choose({ range: { ...s.range, preset: e.target.value as RangePreset } })}
          >
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`results.range.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {s.range.preset === 'custom' ? (
          <>
            <label className="results-bar__field">
              <span>{t('results.from')}</span>
              <input
                type="date"
                className="input input--small"
                value={s.range.from}
                max={s.range.to || undefined}
                onChange={(e) => store.choose({ range: { ...s.range, from: e.target.value } })}
              />
            </label>
            <label className="results-bar__field">
              <span>{t('results.to')}</span>
              <input
                type="date"
                className="input input--small"
                value={s.range.to}
                min={s.range.from || undefined}
                onChange={(e) => store.choose({ range: { ...s.range, to: e.target.value } })}
              />
            </label>
          </>
        ) : null}
        <span className="results-bar__spacer" />
        <span className="results-bar__live" title={t('results.daysUtc')}>
          {s.updatedAt ? (
            <>
              <span className="results-bar__dot" />{' '}
              {t('results.live', { time: formatDateTime(s.updatedAt, lang, 'clock') })}
            </>
          ) : (
            t('results.loading')
          )}
        </span>
        <button
          type="button"
          className="icon-btn"
          title={t('results.close')}
          aria-label={t('results.close')}
          onClick={() => store.setOn(false)}
        >
          <Icon path={icons.close} size={16} />
        </button>
      </div>
      {s.error ? <div className="results-bar__error">{s.error}</div> : null}
      {r && shownVersion === null ? <div className="results-bar__note">{t('results.unpublished')}</div> : null}
      {r && shownVersion !== null ? (
        <div className="results-bar__row results-bar__stats" data-tributary="results-outcomes">
          {OUTCOMES.map((k) => (
            <span key={k} className={`results-stat results-stat--${k}`}>
              <b>{r.outcomes[k]}</b> {t(`results.${k}`)}
            </span>
          ))}
          {Object.keys(r.goals).length ? (
            <span className="results-stat results-stat--goals">
              {t('results.goals')}:{' '}
              {Object.entries(r.goals)
                .map(([name, n]) => `${name} ${n}`)
                .join(', ')}
            </span>
          ) : null}
        </div>
      ) : null}
      {shownVersion !== null && (s.changed || s.added) ? (
        <div className="results-bar__note" data-tributary="results-drift">
          {t('results.drift', { count: s.changed + s.added, version: shownVersion })}
        </div>
      ) : null}
      {shownVersion !== null && s.removed.length ? (
        <div className="results-bar__note">
          {t('results.removed', { count: s.removed.length, version: shownVersion, names: s.removed.join(', ') })}
        </div>
      ) : null}
    </section>
  );
}
