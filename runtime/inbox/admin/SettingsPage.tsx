import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import type { Settings } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { SettingsForm, settingsProblem } from './SettingsForm.tsx';
import { useLoad } from './useLoad.ts';

/** Workspace settings: fallback message, plan, accept timeout, chats per agent, trial limit and usage. */
export function SettingsPage() {
  const t = useT();
  const { data, error, setData, setError } = useLoad(() => api.settings());
  const [draft, setDraft] = useState<Settings | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  useEffect(() => {
    if (data && !draft) setDraft(data);
  }, [data, draft]);
  if (!draft)
    return (
      <div className="admin-section">
        {error ? <p className="form-error">{error}</p> : <p className="muted">{t('loading')}</p>}
      </div>
    );
  const problem = settingsProblem(draft);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(undefined);
    try {
      // Only the editable fields: the server refuses read-only ones (engagementsUsed, the workspace id).
      const { fallbackMessage, plan, acceptTimeoutSec, maxChatsPerAgent, trialEngagementLimit } = draft;
      const saved = await api.updateSettings({
        fallbackMessage,
        plan,
        acceptTimeoutSec,
        maxChatsPerAgent,
        trialEngagementLimit,
      });
      setData(saved);
      setDraft(saved);
      setStatus(t('saved'));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="admin-section" onSubmit={save}>
      <div className="section-head">
        <h1>{t('adminSettings')}</h1>
        {status ? <span className="chip chip-ok">{status}</span> : null}
        <span className="spacer" />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!!problem || JSON.stringify(draft) === JSON.stringify(data)}
          data-tributary="save-settings"
        >
          {t('save')}
        </button>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
      {problem ? <p className="form-error small">{t(problem as MessageKey)}</p> : null}
      <section className="card">
        <SettingsForm
          value={draft}
          onChange={(s) => {
            setDraft(s);
            setStatus(undefined);
          }}
        />
      </section>
    </form>
  );
}
