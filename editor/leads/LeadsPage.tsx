import { useEffect, useMemo, useRef, useState } from 'react';
import { leadsApi, type LeadFilters, type LeadsPage as Page } from '../api/leads.ts';
import { streamsApi } from '../api/streams.ts';
import type { Me, StreamSummary } from '../api/types.ts';
import { useT } from '../i18n/I18n.tsx';
import { AppHeader } from '../list/AppHeader.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import { EraseDialog } from './EraseDialog.tsx';
import { LeadsFilters } from './LeadsFilters.tsx';
import { LeadsTable } from './LeadsTable.tsx';

/**
 * The leads and conversations table (`/leads`, marketers and admins): filters, server-side search, pages by
 * cursor, the chosen stream's CSV, and for admins "Delete a person's data".
 */
export function LeadsPage({ me, onSignOut }: { me: Me; onSignOut(): void }) {
  const t = useT();
  const allowed = me.roles.includes('marketer') || me.roles.includes('admin');
  return (
    <div className="list-page">
      <AppHeader me={me} onSignOut={onSignOut} active="leads" />
      <main className="list-page__main list-page__main--wide leads-page">
        {allowed ? (
          <Leads isAdmin={me.roles.includes('admin')} />
        ) : (
          <div className="empty" role="alert">
            {t('leads.noAccess')}
          </div>
        )}
      </main>
    </div>
  );
}

function Leads({ isAdmin }: { isAdmin: boolean }) {
  const t = useT();
  const [streams, setStreams] = useState<StreamSummary[]>([]);
  const [filters, setFilters] = useState<LeadFilters>({});
  // The cursor of each page shown so far: [undefined (the first page), next of page 1, …]; `at` is the page shown.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [at, setAt] = useState(0);
  const [data, setData] = useState<Page | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);
  const [goals, setGoals] = useState<string[]>([]);
  const [erasing, setErasing] = useState(false);
  const asked = useRef(0);

  useEffect(() => {
    streamsApi
      .list()
      .then(setStreams)
      .catch(() => {});
  }, []);

  useEffect(() => {
    // Only the answer to the latest question is shown (filters change faster than answers come).
    const n = ++asked.current;
    setLoading(true);
    leadsApi.page(filters, cursors[at]).then(
      (page) => {
        if (n !== asked.current) return;
        setData(page);
        setError(undefined);
        setLoading(false);
        const seen = page.rows.map((r) => r.goal).filter((g): g is string => !!g);
        setGoals((known) => (seen.every((g) => known.includes(g)) ? known : [...new Set([...known, ...seen])].sort()));
      },
      (e: Error) => {
        if (n !== asked.current) return;
        setData(null);
        setError(e.message);
        setLoading(false);
      },
    );
  }, [filters, cursors, at, reloads]);

  const applyFilters = (f: LeadFilters) => {
    setFilters(f);
    setCursors([undefined]);
    setAt(0);
  };
  const next = () => {
    if (!data?.next) return;
    setCursors((c) => [...c.slice(0, at + 1), data.next!]);
    setAt(at + 1);
  };
  const names = useMemo(() => new Map(streams.map((s) => [s.id, s.name])), [streams]);
  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <div className="list-page__head">
        <div>
          <h1>{t('leads.title')}</h1>
          <p className="list-page__sub">{t('leads.subtitle')}</p>
        </div>
        <div className="list-page__actions">
          {isAdmin ? (
            <button type="button" className="btn" onClick={() => setErasing(true)} data-tributary="leads-erase">
              <Icon path={icons.trash} size={15} /> {t('leads.erase')}
            </button>
          ) : null}
          {/* While the filters are refused (the error above), the CSV would be refused too: no link then. */}
          {filters.stream && !error ? (
            <a
              className="btn btn--primary"
              href={leadsApi.csvUrl({ ...filters, stream: filters.stream })}
              download
              data-tributary="leads-export"
            >
              <Icon path={icons.download} size={15} /> {t('leads.export')}
            </a>
          ) : (
            <button
              type="button"
              className="btn btn--primary"
              disabled
              title={filters.stream ? undefined : t('leads.exportHint')}
              data-tributary="leads-export"
            >
              <Icon path={icons.download} size={15} /> {t('leads.export')}
            </button>
          )}
        </div>
      </div>
      {error ? (
        <div className="error-banner" role="alert" data-tributary="leads-error">
          {t('leads.failed', { message: error })}{' '}
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setReloads((r) => r + 1)}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}
      <div className="table-card">
        <div className="table-card__toolbar">
          <LeadsFilters filters={filters} streams={streams} goals={goals} onChange={applyFilters} />
          {filters.stream ? null : <p className="leads-page__hint">{t('leads.exportHint')}</p>}
        </div>
        {data === null ? (
          <div className="empty">{error ? null : t('app.loading')}</div>
        ) : data.rows.length === 0 ? (
          <div className="empty" data-tributary="leads-empty">
            {filtered || at > 0 ? t('leads.noMatch') : t('leads.empty')}
          </div>
        ) : (
          <div className={'leads-page__rows' + (loading ? ' is-loading' : '')} aria-busy={loading}>
            <LeadsTable rows={data.rows} attributes={data.attributes} streamName={(id) => names.get(id) ?? id} />
          </div>
        )}
        <div className="leads-pager">
          <button
            type="button"
            className="btn btn--small"
            disabled={at === 0}
            onClick={() => setAt(at - 1)}
            data-tributary="leads-prev"
          >
            {t('leads.prev')}
          </button>
          <span className="leads-pager__page" data-tributary="leads-page-number">
            {t('leads.pageN', { n: at + 1 })}
          </span>
          <button
            type="button"
            className="btn btn--small"
            disabled={!data?.next || loading}
            onClick={next}
            data-tributary="leads-next"
          >
            {t('leads.next')}
          </button>
        </div>
      </div>
      {erasing ? <EraseDialog onClose={() => setErasing(false)} onErased={() => setReloads((r) => r + 1)} /> : null}
    </>
  );
}
