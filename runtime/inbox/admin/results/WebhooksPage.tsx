import { useState, type FormEvent } from 'react';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../../shared/api/webhooks.ts';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useLoad } from '../useLoad.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { WEBHOOKS_CHANGED } from './WebhookNotice.tsx';

type Endpoint = Awaited<ReturnType<typeof api.webhooks>>[number];

/**
 * Webhook endpoints (admins): add one (URL and event types; its signing secret is shown once, then never again),
 * switch it on or off, remove it, send a test event, and read its delivery log with "resend". A disabled endpoint
 * says why.
 */
export function WebhooksPage() {
  const t = useT();
  const { data, error, setData, setError, reload } = useLoad(() => api.webhooks());
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [secret, setSecret] = useState<{ id: string; secret: string } | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const [logKey, setLogKey] = useState(0);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const created = await api.createWebhook({ url: url.trim(), events });
      const { secret: s, ...endpoint } = created;
      setData((d) => [...(d ?? []), endpoint]);
      setSecret({ id: created.id, secret: s });
      setUrl('');
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setError(undefined);
      reload();
      setLogKey((k) => k + 1);
      window.dispatchEvent(new Event(WEBHOOKS_CHANGED));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <div className="admin-section webhooks">
      <div className="section-head">
        <h1>{t('adminWebhooks')}</h1>
      </div>
      <p className="muted">{t('whLead')}</p>
      {error ? <p className="form-error">{error}</p> : null}
      <form className="wh-form" onSubmit={add} data-tributary="webhook-form">
        <label className="field">
          <span>{t('whUrl')}</span>
          <input
            type="url"
            required
            placeholder="https://crm.example.com/hooks/tributary"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            data-tributary="webhook-url"
          />
        </label>
        <fieldset className="wh-events">
          <legend>{t('whEvents')}</legend>
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} className="check">
              <input
                type="checkbox"
                checked={events.includes(ev)}
                onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))}
              />
              <code>{ev}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={!events.length} data-tributary="webhook-add">
          {t('whAdd')}
        </button>
      </form>
      {secret ? (
        <div className="wh-secret" role="status" data-tributary="webhook-secret">
          <strong>{t('whSecretOnce')}</strong>
          <code>{secret.secret}</code>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void navigator.clipboard?.writeText(secret.secret)}
          >
            {t('whCopy')}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setSecret(undefined)}>
            {t('close')}
          </button>
        </div>
      ) : null}
      {!data ? (
        <p className="muted">{t('loading')}</p>
      ) : data.length === 0 ? (
        <p className="muted">{t('whNone')}</p>
      ) : (
        <ul className="wh-list">
          {data.map((e: Endpoint) => (
            <li key={e.id} className="wh-endpoint" data-tributary="webhook" data-id={e.id}>
              <div className="wh-endpoint__head">
                <code className="wh-endpoint__url">{e.url}</code>
                <span className={'chip ' + (e.enabled ? (e.failingSince ? 'chip-warn' : 'chip-ok') : 'chip-error')}>
                  {e.enabled ? (e.failingSince ? t('whFailing') : t('whEnabled')) : t('whDisabled')}
                </span>
                <span className="grow" />
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => act(() => api.testWebhook(e.id))}
                  data-tributary="webhook-test"
                >
                  {t('whTest')}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => act(() => api.setWebhookEnabled(e.id, !e.enabled))}
                  data-tributary="webhook-toggle"
                >
                  {e.enabled ? t('whDisable') : t('whEnable')}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-expanded={open === e.id}
                  onClick={() => setOpen(open === e.id ? undefined : e.id)}
                  data-tributary="webhook-log-toggle"
                >
                  {t('whLog')}
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-danger-outline"
                  onClick={() => {
                    if (confirm(t('whRemoveConfirm', { url: e.url }))) void act(() => api.deleteWebhook(e.id));
                  }}
                >
                  {t('delete')}
                </button>
              </div>
              <div className="wh-endpoint__events">
                {e.events.map((ev) => (
                  <code key={ev} className="wh-tag">
                    {ev}
                  </code>
                ))}
              </div>
              {!e.enabled && e.disabledReason ? (
                <p className="wh-endpoint__reason" data-tributary="webhook-disabled-reason">
                  {t('whDisabledBecause', { reason: e.disabledReason })}
                </p>
              ) : null}
              {open === e.id ? <DeliveryLog key={logKey} endpointId={e.id} onError={setError} /> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
