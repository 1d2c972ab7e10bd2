import type { DecisionRow } from '../api/client.ts';
import { linkProps } from '../app/router.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n, useT } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../../web/formatDate.ts';
import { reasonText } from '../i18n/reason.ts';
import { decisionWhy, standingText } from '../i18n/whys.ts';

/**
 * Routing decisions with their why: when, which visitor (by name or email when known, else the id), what happened,
 * to which agent, and why in the app's language (plus the agents a rotation skipped). `compact` drops the visitor
 * column inside one conversation. `names` maps agent and team ids to names.
 */
export function DecisionList({
  decisions,
  compact,
  names = {},
}: {
  decisions: DecisionRow[];
  compact?: boolean;
  names?: Record<string, string>;
}) {
  const { t, lang } = useI18n();
  return (
    <table className="table decisions" data-tributary="decisions">
      <thead>
        <tr>
          <th>{t('colTime')}</th>
          {compact ? null : <th>{t('colVisitor')}</th>}
          <th>{t('colEvent')}</th>
          <th>{t('colAgent')}</th>
          <th>{t('colWhy')}</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((d, i) => (
          <tr key={d.id ?? i} data-tributary="decision" data-event={d.event}>
            <td className="nowrap small">{formatDateTime(d.at, lang, 'stamp')}</td>
            {compact ? null : (
              <td className={d.visitorName ? 'small' : 'mono small'} data-tributary="decision-visitor">
                <a
                  {...linkProps(`/conversations/${encodeURIComponent(d.conversationId)}`)}
                  title={d.visitorId ?? d.conversationId}
                >
                  {d.visitorName ?? d.visitorId ?? d.conversationId}
                </a>
              </td>
            )}
            <td>
              <span className={`event event-${d.event}`}>{eventLabel(d.event, t)}</span>
              {d.reason ? <div className="small muted">{reasonText(d.reason, t)}</div> : null}
            </td>
            <td className="small">{d.agentId ? (names[d.agentId] ?? d.agentId) : '—'}</td>
            <td className="why">
              {decisionWhy(d, t, names)}
              {d.detail?.skipped?.length ? (
                <div className="small muted">
                  {t('skipped', {
                    list: d.detail.skipped
                      .map((s) => `${names[s.agent] ?? s.agent} (${standingText(s.reason, t)})`)
                      .join(', '),
                  })}
                  {d.detail.skippedMore ? ` +${d.detail.skippedMore}` : ''}
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function eventLabel(event: string, t: ReturnType<typeof useT>): string {
  const key = `event_${event}` as MessageKey;
  const s = t(key);
  return s === key ? event : s;
}
