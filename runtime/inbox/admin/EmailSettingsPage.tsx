import { useEffect, useState, type FormEvent } from 'react';
import { SMTP_SECURITY, type EmailSettingsInput } from '../../../shared/api/email.ts';
import { api } from '../api/client.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { useLoad } from './useLoad.ts';

const EMPTY: EmailSettingsInput = { host: '', port: 587, security: 'starttls', user: '', from: '' };

/** The outgoing mail server: missed chats and offline messages to agents, transcripts to visitors who ask. */
export function EmailSettingsPage() {
  const t = useT();
  const { data, error, setData, setError } = useLoad(() => api.emailSettings());
  const [draft, setDraft] = useState<EmailSettingsInput | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  useEffect(() => {
    if (data !== undefined && !draft) setDraft(data ? { ...data, password: undefined } : EMPTY);
  }, [data, draft]);
  if (!draft)
    return (
      <div className="admin-section">
        {error ? <p className="form-error">{error}</p> : <p className="muted">{t('loading')}</p>}
      </div>
    );
  const set = (patch: Partial<EmailSettingsInput>) => (setDraft({ ...draft, ...patch }), setStatus(undefined));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setData(await api.updateEmailSettings(draft));
      setDraft({ ...draft, password: undefined });
      setStatus(t('saved'));
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const turnOff = async () => {
    setData(await api.updateEmailSettings(null));
    setDraft(EMPTY);
    setStatus(t('emailOff'));
  };
  const test = async () => {
    setStatus(undefined);
    try {
      const r = await api.sendTestEmail();
      if (r.sent) setStatus(t('emailTestSent', { to: r.to }));
      else setError(t('emailTestFailed', { message: r.error ?? '' }));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="admin-section" onSubmit={save} data-tributary="email-settings">
      <div className="section-head">
        <h1>{t('adminEmail')}</h1>
        {status ? <span className="chip chip-ok">{status}</span> : null}
        <span className="spacer" />
        {data ? (
          <>
            <button type="button" className="btn" onClick={test} data-tributary="email-test">
              {t('emailTest')}
            </button>
            <button type="button" className="btn" onClick={turnOff}>
              {t('emailTurnOff')}
            </button>
          </>
        ) : null}
        <button type="submit" className="btn btn-primary">
          {t('save')}
        </button>
      </div>
      <p className="muted small">{data ? t('emailLeadOn') : t('emailLeadOff')}</p>
      {error ? <p className="form-error">{error}</p> : null}
      <section className="card">
        <div className="form-grid">
          <label className="field">
            <span>{t('emailHost')}</span>
            <input
              required
              value={draft.host}
              onChange={(e) => set({ host: e.target.value })}
              placeholder="smtp.example.com"
            />
          </label>
          <label className="field">
            <span>{t('emailPort')}</span>
            <input
              type="number"
              min={1}
              max={65535}
              required
              value={draft.port}
              onChange={(e) => set({ port: Number(e.target.value) })}
            />
          </label>
          <label className="field">
            <span>{t('emailSecurity')}</span>
            <select
              value={draft.security}
              onChange={(e) => set({ security: e.target.value as EmailSettingsInput['security'] })}
            >
              {SMTP_SECURITY.map((s) => (
                <option key={s} value={s}>
                  {t(`emailSecurity_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('emailFrom')}</span>
            <input
              type="email"
              required
              value={draft.from}
              onChange={(e) => set({ from: e.target.value })}
              placeholder="chat@example.com"
            />
          </label>
          <label className="field">
            <span>{t('emailUser')}</span>
            <input value={draft.user} onChange={(e) => set({ user: e.target.value })} autoComplete="off" />
          </label>
          <label className="field">
            <span>{t('password')}</span>
            <input
              type="password"
              value={draft.password ?? ''}
              onChange={(e) => set({ password: e.target.value })}
              placeholder={data?.passwordSet ? t('emailPasswordKept') : ''}
              autoComplete="new-password"
            />
          </label>
        </div>
      </section>
    </form>
  );
}
