import { formatDateTime } from '../../web/formatDate.ts';
import type { Lead } from '../api/leads.ts';
import { useI18n } from '../i18n/I18n.tsx';

/**
 * One row per conversation: when it started, how it ended, the goal reached and the score, the attributes it
 * captured (one column each, the names the server lists), agent, stream and version, and the visitor's page.
 */
export function LeadsTable({
  rows,
  attributes,
  streamName,
}: {
  rows: Lead[];
  attributes: string[];
  /** The stream's name by id (a row of a deleted stream shows its id). */
  streamName(id: string): string;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="leads-table__scroll">
      <table className="table leads-table" data-tributary="leads-table">
        <thead>
          <tr>
            <th>{t('leads.time')}</th>
            <th>{t('leads.outcome')}</th>
            <th>{t('leads.goal')}</th>
            <th className="leads-table__num">{t('leads.score')}</th>
            {attributes.map((a) => (
              <th key={a} className="leads-table__attr">
                {a}
              </th>
            ))}
            <th>{t('leads.agent')}</th>
            <th>{t('leads.stream')}</th>
            <th>{t('leads.page')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.conversationId} data-tributary="leads-row" data-id={r.conversationId}>
              <td className="leads-table__time" title={r.conversationId}>
                {formatDateTime(r.startedAt, lang, 'short')}
              </td>
              <td>
                <span className={`leads-outcome leads-outcome--${r.outcome}`} data-outcome={r.outcome}>
                  {t(`leads.outcome.${r.outcome}`)}
                </span>
              </td>
              <td>{r.goal ? <span className="pill pill--success">{r.goal}</span> : <Dash />}</td>
              <td className="leads-table__num">{r.score || <Dash />}</td>
              {attributes.map((a) => (
                <td key={a} className="leads-table__value" data-attribute={a}>
                  {r.attributes[a] ?? ''}
                </td>
              ))}
              <td>{r.agent ? r.agent.name : <Dash />}</td>
              <td className="leads-table__stream">
                {streamName(r.streamId)} <span className="leads-table__version">v{r.version}</span>
              </td>
              <td className="leads-table__page" title={r.page ?? undefined}>
                {r.page ? shortPage(r.page) : <Dash />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const Dash = () => <span className="leads-table__none">—</span>;

/** A page URL without its scheme, as short as still says where the visitor was. */
function shortPage(url: string): string {
  try {
    const u = new URL(url);
    return u.host + (u.pathname === '/' ? '' : u.pathname);
  } catch {
    return url;
  }
}
