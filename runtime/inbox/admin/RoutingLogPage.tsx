import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { dayStart } from '../../../web/dayText.ts';
import { DateField } from '../components/DateField.tsx';
import { useT } from '../i18n/I18nProvider.tsx';
import { DecisionList } from './DecisionList.tsx';
import { useLoad } from './useLoad.ts';

interface Filter {
  visitor: string;
  agent: string;
  /** Days (`YYYY-MM-DD`, UTC): from the start of `from` to the end of `to`. */
  from?: string;
  to?: string;
}
const EMPTY: Filter = { visitor: '', agent: '' };
const DAY = 24 * 3600 * 1000;

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
        from: applied.from ? (dayStart(applied.from) ?? undefined) : undefined,
        to: applied.to ? (dayStart(applied.to) ?? 0) + DAY - 1 : undefined,
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
        {/* Days as the chosen language writes them (a browser's date input follows the browser's language). */}
        <div className="field">
          <span>{t('filterFrom')}</span>
          <DateField
            value={form.from}
            label={t('filterFrom')}
            onChange={(from) => setForm({ ...form, from })}
            data-tributary="filter-from"
          />
        </div>
        <div className="field">
          <span>{t('filterTo')}</span>
          <DateField
            value={form.to}
            label={t('filterTo')}
            onChange={(to) => setForm({ ...form, to })}
            data-tributary="filter-to"
          />
        </div>
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
