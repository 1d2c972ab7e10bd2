import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useNow } from '../components/useNow.ts';
import { apiErrorText } from '../i18n/apiErrorText.ts';
import { useI18n, useT } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../../web/formatDate.ts';
import type { QueueView } from '../../../shared/api/routing.ts';
import './routing.css';

/**
 * Who waits in the live-chat queues and for how long (SPEC §4 "Waiting queue"), for agents and admins: one table
 * per pool, in queue order, the waiting time ticking. Each row is `data-tributary="queued"`. Re-read every 5 s
 * (the visitors themselves get their places pushed; this screen is for watching).
 */
export function QueuePage() {
  const { t, lang } = useI18n();
  const say = useCallback((e: unknown) => apiErrorText(e, t, lang), [t, lang]);
  const now = useNow(1000);
  const [view, setView] = useState<{ data: QueueView; at: number } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const load = useCallback(() => {
    api.queue().then(
      (data) => {
        setView({ data, at: Date.now() });
        setError(undefined);
      },
      (e: unknown) => setError(say(e)),
    );
  }, [say]);
  useEffect(() => {
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [load]);

  const queues = view?.data.queues.filter((q) => q.visitors.length > 0) ?? [];
  return (
    <div className="missed-page queue-page">
      <div className="missed-head">
        <h2>{t('queueTitle')}</h2>
      </div>
      <p className="muted missed-intro">{t('queueIntro')}</p>
      {error ? (
        <div className="notice notice-error" role="alert">
          <span>{error}</span>
        </div>
      ) : null}
      {!view ? (
        <div className="muted">{t('loading')}</div>
      ) : queues.length === 0 ? (
        <div className="missed-empty muted" data-tributary="queue-empty">
          {t('queueEmpty')}
        </div>
      ) : (
        queues.map((q) => (
          <section key={q.pool} className="queue-pool" aria-label={q.pool}>
            <h3>
              {poolName(q.pool, t)} <span className="muted">· {t('queueWaiting', { count: q.visitors.length })}</span>
            </h3>
            <table className="queue-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('queueVisitor')}</th>
                  <th>{t('queueSince')}</th>
                  <th>{t('queueWaited')}</th>
                </tr>
              </thead>
              <tbody>
                {q.visitors.map((v, i) => (
                  <tr key={v.conversationId} data-tributary="queued" data-conversation={v.conversationId}>
                    <td>{i + 1}</td>
                    <td>{v.visitorName ?? `#${v.conversationId.slice(-6)}`}</td>
                    <td>{formatDateTime(v.since, lang, 'time')}</td>
                    <td>{duration(v.waitingSec + Math.max(0, Math.round((now - view.at) / 1000)))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
    </div>
  );
}

function poolName(pool: string, t: ReturnType<typeof useT>): string {
  if (pool === 'round robin') return t('queuePoolAll');
  const [kind, id] = pool.split(' ', 2);
  return kind === 'team' ? t('queuePoolTeam', { id }) : kind === 'agent' ? t('queuePoolAgent', { id }) : pool;
}

function duration(sec: number): string {
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
