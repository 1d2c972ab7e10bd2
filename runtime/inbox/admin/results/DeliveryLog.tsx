import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../../../../web/formatDate.ts';
import { apiErrorText } from '../../i18n/apiErrorText.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLoad } from '../useLoad.ts';

const REFRESH_MS = 3000;

/** One endpoint's delivery log, newest first: status, HTTP code, time taken, attempts, and "resend". */
export function DeliveryLog({ endpointId, onError }: { endpointId: string; onError(message: string): void }) {
  const { t, lang } = useI18n();
  const { data, error, reload } = useLoad(() => api.webhookDeliveries(endpointId), [endpointId]);
  // Deliveries move on their own (retries, a test event on its way): read the log again while it is open.
  useEffect(() => {
    const every = setInterval(reload, REFRESH_MS);
    return () => clearInterval(every);
  }, [reload]);
  if (error) return <p className="form-error">{error}</p>;
  if (!data) return <p className="muted">{t('loading')}</p>;
  if (!data.length) return <p className="muted">{t('whNoDeliveries')}</p>;
  return (
    <table className="table compact-table wh-log" data-tributary="webhook-log">
      <thead>
        <tr>
          <th>{t('whWhen')}</th>
          <th>{t('whType')}</th>
          <th>{t('whStatus')}</th>
          <th>{t('whCode')}</th>
          <th>{t('whTime')}</th>
          <th>{t('whAttempts')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {data.map((d) => (
          <tr key={d.id} data-tributary="webhook-delivery" data-status={d.status}>
            <td>{formatDateTime(d.createdAt, lang, 'short')}</td>
            <td>
              <code>{d.type}</code>
            </td>
            <td>
              <span
                className={
                  'chip ' + (d.status === 'delivered' ? 'chip-ok' : d.status === 'failed' ? 'chip-error' : 'chip-warn')
                }
              >
                {t(d.status === 'delivered' ? 'whDelivered' : d.status === 'failed' ? 'whFailed' : 'whPending')}
              </span>
              {d.lastError ? <div className="muted small">{d.lastError}</div> : null}
            </td>
            <td>{d.lastStatus ?? '—'}</td>
            <td>{d.lastMs !== null ? `${d.lastMs} ms` : '—'}</td>
            <td>{d.attempts}</td>
            <td>
              <button
                type="button"
                className="btn btn-small"
                data-tributary="webhook-resend"
                onClick={() =>
                  api
                    .resendWebhookDelivery(endpointId, d.id)
                    .then(reload, (e: unknown) => onError(apiErrorText(e, t, lang)))
                }
              >
                {t('whResend')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
