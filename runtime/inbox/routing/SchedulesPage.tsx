import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { isAdmin } from '../app/permissions.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { fieldErrors, localTimeZone, ScheduleEditor, type Schedule } from './ScheduleEditor.tsx';
import './routing.css';

const fresh = (): Schedule => ({ timeZone: localTimeZone(), blocks: [] });

/**
 * Schedules (SPEC §4): an agent's weekly availability blocks in their time zone (inside a block they are available
 * unless they set themselves away, until the next boundary; without a schedule only their own choice counts), and
 * for admins every agent's, the workspace's business hours and the away message. The server's 400s show next to
 * the field they name.
 */
export function SchedulesPage({ me }: { me: User }) {
  const t = useT();
  const admin = isAdmin(me);
  const [agents, setAgents] = useState<{ id: string; name: string }[]>([]);
  const [agentId, setAgentId] = useState(me.id);
  useEffect(() => {
    if (admin)
      api.agents().then(
        (list) => setAgents(list.map((a) => ({ id: a.id, name: a.name }))),
        () => {},
      );
  }, [admin]);
  return (
    <div className="missed-page schedules-page">
      <div className="missed-head">
        <h2>{t('schedulesTitle')}</h2>
      </div>
      <p className="muted missed-intro">{t('schedulesIntro')}</p>
      {admin && agents.length ? (
        <label className="field schedule-agent">
          <span>{t('scheduleAgent')}</span>
          <select value={agentId} onChange={(e) => setAgentId(e.target.value)} data-tributary="schedule-agent">
            {agents.some((a) => a.id === me.id) ? null : <option value={me.id}>{me.name}</option>}
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <AgentSchedule key={agentId} userId={agentId} />
      {admin ? <BusinessHours /> : null}
    </div>
  );
}

/** One agent's weekly schedule: none (own choice only) or blocks in a time zone. */
function AgentSchedule({ userId }: { userId: string }) {
  const t = useT();
  const [saved, setSaved] = useState<Schedule | null | undefined>();
  const [draft, setDraft] = useState<Schedule | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string>();
  useEffect(() => {
    api.schedule(userId).then(
      (s) => {
        setSaved(s);
        setDraft(s);
      },
      (e: Error) => setErrors({ '': e.message }),
    );
  }, [userId]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(undefined);
    try {
      const s = await api.setSchedule(userId, draft);
      setSaved(s);
      setDraft(s);
      setErrors({});
      setStatus(t('saved'));
    } catch (err) {
      setErrors(fieldErrors((err as Error).message));
    }
  };
  if (saved === undefined)
    return <section className="card">{errors[''] ? <p className="form-error">{errors['']}</p> : t('loading')}</section>;
  return (
    <form className="card schedule-card" onSubmit={save} data-tributary="agent-schedule">
      <div className="section-head">
        <h3>{t('scheduleWeekly')}</h3>
        {status ? <span className="chip chip-ok">{status}</span> : null}
        <span className="spacer" />
        <button
          type="submit"
          className="btn btn-primary"
          data-tributary="save-schedule"
          disabled={JSON.stringify(draft) === JSON.stringify(saved)}
        >
          {t('save')}
        </button>
      </div>
      <OptionalSchedule
        id="agent"
        value={draft}
        saved={saved}
        onChange={setDraft}
        errors={errors}
        clearErrors={() => setErrors({})}
        hook="schedule-on"
        use={t('scheduleUse')}
        none={t('scheduleNone')}
      />
      {errors[''] ? <p className="form-error">{errors['']}</p> : null}
    </form>
  );
}

/** The workspace's business hours (outside them every request gets the away message) and that message. */
function BusinessHours() {
  const t = useT();
  const [saved, setSaved] = useState<{ hours: Schedule | null; away: string }>();
  const [hours, setHours] = useState<Schedule | null>(null);
  const [away, setAway] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string>();
  useEffect(() => {
    api.settings().then(
      (s) => {
        setSaved({ hours: s.businessHours, away: s.awayMessage });
        setHours(s.businessHours);
        setAway(s.awayMessage);
      },
      (e: Error) => setErrors({ '': e.message }),
    );
  }, []);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(undefined);
    try {
      const s = await api.updateSettings({ businessHours: hours, awayMessage: away });
      setSaved({ hours: s.businessHours, away: s.awayMessage });
      setHours(s.businessHours);
      setAway(s.awayMessage);
      setErrors({});
      setStatus(t('saved'));
    } catch (err) {
      const message = (err as Error).message;
      setErrors(
        message.startsWith('awayMessage')
          ? { away: message.replace(/^awayMessage: /, '') }
          : fieldErrors(message, 'businessHours'),
      );
    }
  };
  if (!saved)
    return <section className="card">{errors[''] ? <p className="form-error">{errors['']}</p> : t('loading')}</section>;
  const unchanged = JSON.stringify({ hours, away }) === JSON.stringify(saved);
  return (
    <form className="card schedule-card" onSubmit={save} data-tributary="business-hours">
      <div className="section-head">
        <h3>{t('businessHours')}</h3>
        {status ? <span className="chip chip-ok">{status}</span> : null}
        <span className="spacer" />
        <button type="submit" className="btn btn-primary" data-tributary="save-business-hours" disabled={unchanged}>
          {t('save')}
        </button>
      </div>
      <OptionalSchedule
        id="business"
        value={hours}
        saved={saved.hours}
        onChange={setHours}
        errors={errors}
        clearErrors={() => setErrors({})}
        hook="business-hours-on"
        use={t('businessHoursUse')}
        none={t('businessHoursNone')}
      />
      <label className="field field-wide">
        <span>{t('awayMessage')}</span>
        <textarea
          rows={3}
          value={away}
          onChange={(e) => setAway(e.target.value)}
          aria-invalid={errors.away ? 'true' : undefined}
          data-tributary="away-message"
        />
        {errors.away ? (
          <small className="form-error small" data-tributary="field-error">
            {errors.away}
          </small>
        ) : (
          <small className="muted">{t('awayHint')}</small>
        )}
      </label>
      {errors[''] ? <p className="form-error">{errors['']}</p> : null}
    </form>
  );
}

/**
 * A schedule that may be absent (an agent's availability, the workspace's business hours): a checkbox that turns it
 * on (the saved one, or an empty week in the browser's time zone) or off, then its editor or a line saying none.
 */
function OptionalSchedule(p: {
  id: string;
  value: Schedule | null;
  saved: Schedule | null | undefined;
  onChange(value: Schedule | null): void;
  errors: Record<string, string>;
  clearErrors(): void;
  hook: string;
  use: string;
  none: string;
}) {
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={p.value !== null}
          onChange={(e) => {
            p.onChange(e.target.checked ? (p.saved ?? fresh()) : null);
            p.clearErrors();
          }}
          data-tributary={p.hook}
        />
        {p.use}
      </label>
      {p.value ? (
        <ScheduleEditor id={p.id} value={p.value} onChange={p.onChange} errors={p.errors} />
      ) : (
        <p className="muted small">{p.none}</p>
      )}
    </>
  );
}
