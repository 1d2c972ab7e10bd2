import { useEffect, useState } from 'react';
import { outcomeSchema } from '../../shared/api/leads.ts';
import type { LeadFilters, Outcome } from '../api/leads.ts';
import type { StreamSummary } from '../api/types.ts';
import { useT } from '../i18n/I18n.tsx';
import { DateField } from './DateField.tsx';

/** How long typing rests before the search asks the server (one request per pause, not per key). */
const SEARCH_PAUSE_MS = 300;

/**
 * The filters of the leads table: stream, version (of the chosen stream), outcome, goal, date range and the
 * server-side search. Each change is applied at once; the search after a pause in typing or on Enter.
 */
export function LeadsFilters({
  filters,
  streams,
  goals,
  onChange,
}: {
  filters: LeadFilters;
  streams: StreamSummary[];
  /** Goals to offer (those seen so far); any other name can be typed. */
  goals: string[];
  onChange(f: LeadFilters): void;
}) {
  const t = useT();
  const [q, setQ] = useState(filters.q ?? '');
  const set = (patch: Partial<LeadFilters>) => {
    const next = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof LeadFilters)[])
      if (next[k] === '' || next[k] === undefined) delete next[k];
    onChange(next);
  };
  // Back, forward or a link changed the search: the box shows it (not while it only differs by spaces typed).
  useEffect(() => {
    setQ((typed) => ((filters.q ?? '') === typed.trim() ? typed : (filters.q ?? '')));
  }, [filters.q]);
  // The search box applies itself after a pause in typing.
  useEffect(() => {
    if ((filters.q ?? '') === q.trim()) return;
    const timer = setTimeout(() => set({ q: q.trim() || undefined }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  });

  const stream = streams.find((s) => s.id === filters.stream);
  const versions = stream?.latestVersion
    ? Array.from({ length: stream.latestVersion }, (_, i) => stream.latestVersion! - i)
    : [];
  const any = Object.keys(filters).length > 0;

  return (
    <div className="leads-filters" data-tributary="leads-filters">
      <input
        type="search"
        className="input input--small leads-filters__search"
        placeholder={t('leads.search')}
        aria-label={t('leads.search')}
        value={q}
        maxLength={200}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && set({ q: q.trim() || undefined })}
        data-tributary="leads-search"
      />
      <select
        className="input input--small"
        aria-label={t('leads.stream')}
        value={filters.stream ?? ''}
        onChange={(e) => set({ stream: e.target.value || undefined, version: undefined })}
        data-tributary="leads-filter"
        data-filter="stream"
      >
        <option value="">{t('leads.allStreams')}</option>
        {streams.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <select
        className="input input--small"
        aria-label={t('leads.version')}
        value={filters.version ?? ''}
        disabled={!versions.length}
        onChange={(e) => set({ version: e.target.value ? Number(e.target.value) : undefined })}
        data-tributary="leads-filter"
        data-filter="version"
      >
        <option value="">{t('leads.allVersions')}</option>
        {versions.map((v) => (
          <option key={v} value={v}>
            v{v}
          </option>
        ))}
      </select>
      <select
        className="input input--small"
        aria-label={t('leads.outcome')}
        value={filters.outcome ?? ''}
        onChange={(e) => set({ outcome: (e.target.value || undefined) as Outcome | undefined })}
        data-tributary="leads-filter"
        data-filter="outcome"
      >
        <option value="">{t('leads.allOutcomes')}</option>
        {outcomeSchema.options.map((o) => (
          <option key={o} value={o}>
            {t(`leads.outcome.${o}`)}
          </option>
        ))}
      </select>
      <input
        className="input input--small leads-filters__goal"
        list="leads-goals"
        placeholder={t('leads.anyGoal')}
        aria-label={t('leads.goal')}
        value={filters.goal ?? ''}
        maxLength={200}
        onChange={(e) => set({ goal: e.target.value || undefined })}
        data-tributary="leads-filter"
        data-filter="goal"
      />
      <datalist id="leads-goals">
        {goals.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      <label className="leads-filters__date">
        <span>{t('leads.from')}</span>
        <DateField
          label={t('leads.from')}
          value={filters.from}
          max={filters.to}
          onChange={(from) => set({ from })}
          data-tributary="leads-filter"
          data-filter="from"
        />
      </label>
      <label className="leads-filters__date">
        <span>{t('leads.to')}</span>
        <DateField
          label={t('leads.to')}
          value={filters.to}
          min={filters.from}
          onChange={(to) => set({ to })}
          data-tributary="leads-filter"
          data-filter="to"
        />
      </label>
      {any ? (
        <button type="button" className="btn btn--ghost btn--small" onClick={() => (setQ(''), onChange({}))}>
          {t('leads.clear')}
        </button>
      ) : null}
    </div>
  );
}
