import { useState } from 'react';
import type { DecisionRow, WhatIfResult } from '../api/client.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { formatStamp } from './DecisionList.tsx';

/** The replay's outcome: per request, what actually happened beside what would have happened. */
export function WhatIfResults({ result, names }: { result: WhatIfResult; names: Record<string, string> }) {
  const t = useT();
  const [changedOnly, setChangedOnly] = useState(true);
  if (result.requests === 0) return <p className="muted" data-tributary="what-if-result">{t('noRequests')}</p>;
  const rows = changedOnly ? result.results.filter((r) => r.changed) : result.results;
  return (
    <section className="card whatif-result" data-tributary="what-if-result">
      <div className="section-head">
        <strong data-tributary="what-if-summary">{t('requestsReplayed', { count: result.requests, changed: result.changed })}</strong>
        <span className="spacer" />
        <label className="check">
          <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} />
          <span>{t('changedOnly')}</span>
        </label>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('colTime')}</th>
            <th>{t('colVisitor')}</th>
            <th>{t('before')}</th>
            <th>{t('after')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.visitor}-${i}`} className={r.changed ? 'changed' : ''} data-tributary="what-if-row" data-changed={r.changed}>
              <td className="nowrap small">{formatStamp(r.at)}</td>
              <td className="mono small">{r.visitor}</td>
              <td>
                <Outcome decisions={r.before} names={names} />
              </td>
              <td>
                <Outcome decisions={r.after} names={names} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Outcome({ decisions, names }: { decisions: DecisionRow[]; names: Record<string, string> }) {
  const t = useT();
  return (
    <ol className="outcome">
      {decisions.map((d, i) => {
        const key = `event_${d.event}` as MessageKey;
        return (
          <li key={i} title={d.why}>
            <span className={`event event-${d.event}`}>{t(key) === key ? d.event : t(key)}</span>{' '}
            {d.agent ? names[d.agent] ?? d.agentName ?? d.agent : d.reason ?? ''}
            <div className="small muted">{d.why}</div>
          </li>
        );
      })}
    </ol>
  );
}
