import { useState } from 'react';
import type { WebhookEvent } from '../../../../shared/api/webhooks.ts';
import { formatDateTime } from '../../../../web/formatDate.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLoad } from '../useLoad.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { EndpointForm } from './EndpointForm.tsx';
import { offText } from './offText.ts';
import { WEBHOOKS_CHANGED } from './WebhookNotice.tsx';

type Endpoint = Awaited<ReturnType<typeof api.webhooks>>[number];

/**
 * Webhook endpoints (admins): add one (URL and event types; its signing secret is shown once, then never again),
 * edit its URL and event types, rotate its secret (the new one shown once; the old one signs too for a day),
 * switch it on or off, remove it, send a test event, and read its delivery log with "resend". A disabled endpoint
 * says why.
 */
export function WebhooksPage() {
  const { t, lang } = useI18n();
  const { data, error, setData, setError, reload } = useLoad(() => api.webhooks());
  const [secret, setSecret] = useState<{ id: string; secret: string; oldUntil?: number } | undefined>();
  const [editing, setEditing] = useState<string | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const [logKey, setLogKey] = useState(0);

  const add = async (url: string, events: WebhookEvent[]) => {
    try {
      const created = await api.createWebhook({ url, events });
      const { secret: s, ...endpoint } = created;
      setData((d) => [...(d ?? []), endpoint]);
      setSecret({ id: created.id, secret: s });
      setError(undefined);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };
  const save = async (id: string, url: string, events: WebhookEvent[]) => {
    try {
      const updated = await api.editWebhook(id, { url, events });
      setData((d) => (d ?? []).map((x) => (x.id === id ? updated : x)));
      setEditing(undefined);
      setError(undefined);
      window.dispatchEvent(new Event(WEBHOOKS_CHANGED));
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };
  const rotate = async (e: Endpoint) => {
    if (!confirm(t('whRotateConfirm', { url: e.url }))) return;
    try {
      const r = await api.rotateWebhookSecret(e.id);
      setSecret({ id: r.id, secret: r.secret, oldUntil: r.previousSecretUntil });
      setError(undefined);
      reload();
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
      <EndpointForm submitLabel={t('whAdd')} onSubmit={add} hook="webhook-form" submitHook="webhook-add" />
      {secret ? (
        <div className="wh-secret" role="status" data-tributary="webhook-secret">
          <strong>
            {secret.oldUntil
              ? t('whRotated', { until: formatDateTime(secret.oldUntil, lang, 'medium') })
              : t('whSecretOnce')}
          </strong>
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
                  aria-expanded={editing === e.id}
                  onClick={() => setEditing(editing === e.id ? undefined : e.id)}
                  data-tributary="webhook-edit"
                >
                  {t('whEdit')}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void rotate(e)}
                  data-tributary="webhook-rotate"
                >
                  {t('whRotate')}
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
              {e.previousSecretUntil ? (
                <p className="wh-endpoint__rotation" data-tributary="webhook-old-secret">
                  {t('whOldSecretUntil', { until: formatDateTime(e.previousSecretUntil, lang, 'medium') })}
                </p>
              ) : null}
              {editing === e.id ? (
                <EndpointForm
                  url={e.url}
                  events={e.events}
                  submitLabel={t('save')}
                  onSubmit={(url, events) => save(e.id, url, events)}
                  onCancel={() => setEditing(undefined)}
                  hook="webhook-edit-form"
                  submitHook="webhook-save"
                />
              ) : null}
              {!e.enabled && e.disabledCode ? (
                <p className="wh-endpoint__reason" data-tributary="webhook-disabled-reason">
                  {t('whOffBecause', { reason: offText(e, t, lang) })}
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
