import { useEffect, useMemo, useState } from 'react';
import { leadsApi, type LeadFilters } from '../api/leads.ts';
import { streamsApi } from '../api/streams.ts';
import type { Me, StreamSummary } from '../api/types.ts';
import { setSearch, useSearch } from '../app/router.ts';
import { useI18n, useT } from '../i18n/I18n.tsx';
import { AppHeader } from '../list/AppHeader.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import { EraseDialog } from './EraseDialog.tsx';
import { LeadsFilters } from './LeadsFilters.tsx';
import { leadsErrorText } from './leadsError.ts';
import { LeadsTable } from './LeadsTable.tsx';
import { leadsSearch, parseLeadsView } from './leadsView.ts';
import { useLeadsRows } from './useLeadsRows.ts';

/**
 * The leads and conversations table (`/leads`, marketers and admins): filters, server-side search, pages by
 * cursor, the chosen stream's CSV, and for admins "Delete a person's data". The filters and the page live in the
 * URL's query (editor/leads/leadsView.ts): reload, back and forward and a shared link show the same view.
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
  const { t, lang } = useI18n();
  const [streams, setStreams] = useState<StreamSummary[] | null>(null);
  const search = useSearch();
  const view = useMemo(() => parseLeadsView(search), [search]);
  const { filters } = view;
  // What the URL says, as this page writes it: values it ignored are dropped from the address bar too.
  const canonical = leadsSearch(view);
  useEffect(() => {
    if (search !== canonical) setSearch(canonical, { replace: true });
  }, [search, canonical]);
  const [reloads, setReloads] = useState(0);
  const [goals, setGoals] = useState<string[]>([]);
  const [erasing, setErasing] = useState(false);

  useEffect(() => {
    streamsApi.list().then(setStreams, () => setStreams([]));
  }, []);

  // A link naming a stream that is not there (deleted, mistyped) or a version it never had opens without them.
  const known = streams?.find((s) => s.id === filters.stream);
  const stale =
    !!streams &&
    !!filters.stream &&
    (!known || (filters.version !== undefined && filters.version > (known.latestVersion ?? 0)));
  useEffect(() => {
    if (!stale) return;
    const kept = { ...filters };
    if (!known) delete kept.stream;
    delete kept.version;
    setSearch(leadsSearch({ filters: kept, page: 1 }), { replace: true });
  }, [stale]);

  const rows = useLeadsRows(view, !filters.stream || (!!streams && !stale), reloads);
  const { data, error, loading, page } = rows;
  // A link past the last page shows the last one: the URL says so too.
  const past = rows.answers === canonical && !!data && page !== view.page;
  useEffect(() => {
    if (past) setSearch(leadsSearch({ filters, page }), { replace: true });
  }, [past]);
  useEffect(() => {
    const seen = (data?.rows ?? []).map((r) => r.goal).filter((g): g is string => !!g);
    setGoals((known) => (seen.every((g) => known.includes(g)) ? known : [...new Set([...known, ...seen])].sort()));
  }, [data]);

  const at = page - 1;
  const go = (f: LeadFilters, n = 1) => setSearch(leadsSearch({ filters: f, page: n }));
  const applyFilters = (f: LeadFilters) => go(f);
  const next = () => data?.next && go(filters, page + 1);
  const names = useMemo(() => new Map((streams ?? []).map((s) => [s.id, s.name])), [streams]);
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
          {t('leads.failed', { message: leadsErrorText(error, filters, t, lang) })}{' '}
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setReloads((r) => r + 1)}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}
      <div className="table-card">
        <div className="table-card__toolbar">
          <LeadsFilters filters={filters} streams={streams ?? []} goals={goals} onChange={applyFilters} />
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
            onClick={() => go(filters, page - 1)}
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
