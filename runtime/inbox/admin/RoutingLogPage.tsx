import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { DecisionList } from './DecisionList.tsx';
import { useLoad } from './useLoad.ts';

interface Filter {
  visitor: string;
  agent: string;
  from: string;
  to: string;
}
const EMPTY: Filter = { visitor: '', agent: '', from: '', to: '' };

/** A visitor id as the server makes them (`v_` and base64url), else the words of a name or an email. */
const VISITOR_ID = /^v_[\w-]+$/;

/** Every routing decision with its why, filtered by visitor (id, name or email), agent and time, newest first. */
export function RoutingLogPage() {
  const t = useT();
  const [form, setForm] = useState<Filter>(EMPTY);
  const [applied, setApplied] = useState<Filter>(EMPTY);
  const { data: users } = useLoad(() => api.users());
  const { data, error } = useLoad(
    () =>
      api.decisions({
        ...(VISITOR_ID.test(applied.visitor.trim())
          ? { visitor: applied.visitor.trim() }
          : { q: applied.visitor.trim() || undefined }),
        agent: applied.agent || undefined,
        from: applied.from ? new Date(applied.from).getTime() : undefined,
        to: applied.to ? new Date(applied.to).getTime() : undefined,
        limit: 500,
      }),
    [applied],
  );
  const agents = (users ?? []).filter((u) => u.liveChat);
  const { data: teams } = useLoad(() => api.teams());
  // Whys name agents and teams by id; the log says their names.
  const names = Object.fromEntries([...(teams ?? []), ...(users ?? [])].map((u) => [u.id, u.name]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(form);
  };
  return (
    <div className="admin-section">
      <div className="section-head">
        <h1>{t('adminLog')}</h1>
      </div>
      <p className="muted">{t('logLead')}</p>
      <form className="filters" onSubmit={submit} data-tributary="log-filters">
        <label className="field">
          <span>{t('filterVisitor')}</span>
          <input
            value={form.visitor}
            onChange={(e) => setForm({ ...form, visitor: e.target.value })}
            placeholder={t('filterVisitorHint')}
            maxLength={200}
            data-tributary="filter-visitor"
          />
        </label>
        <label className="field">
          <span>{t('filterAgent')}</span>
          <select
            value={form.agent}
            onChange={(e) => setForm({ ...form, agent: e.target.value })}
            data-tributary="filter-agent"
          >
            <option value="">{t('anyAgent')}</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('filterFrom')}</span>
          <input type="datetime-local" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('filterTo')}</span>
          <input type="datetime-local" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </label>
        <button type="submit" className="btn btn-primary" data-tributary="apply-filters">
          {t('apply')}
        </button>
      </form>
      {error ? <p className="form-error">{error}</p> : null}
      {!data ? (
        <p className="muted">{t('loading')}</p>
      ) : data.length === 0 ? (
        <p className="muted">{t('noDecisions')}</p>
      ) : (
        <DecisionList decisions={data} names={names} />
      )}
    </div>
  );
}
