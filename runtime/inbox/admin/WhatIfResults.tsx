import type { WhatIfOutcome, WhatIfResult } from '../api/client.ts';
import { linkProps } from '../app/router.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n, useT } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../../web/formatDate.ts';
import { decisionWhy } from '../i18n/whys.ts';
import { reasonText } from '../i18n/reason.ts';

/** The replay's outcome: how many requests, how many would end differently, and each difference side by side. */
export function WhatIfResults({ result, names }: { result: WhatIfResult; names: Record<string, string> }) {
  const { t, lang } = useI18n();
  if (result.requests === 0) {
    return (
      <p className="card muted" data-tributary="what-if-result">
        {t('noRequests')}
      </p>
    );
  }
  const keys = [...new Set([...Object.keys(result.summary.before), ...Object.keys(result.summary.after)])].sort();
  return (
    <section className="card whatif-result" data-tributary="what-if-result">
      <div className="section-head">
        <strong data-tributary="what-if-summary">
          {t('requestsReplayed', { count: result.requests, changed: result.changed })}
        </strong>
      </div>
      <table className="table compact-table">
        <thead>
          <tr>
            <th />
            {keys.map((k) => (
              <th key={k}>{outcomeWord(k, t)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(['before', 'after'] as const).map((side) => (
            <tr key={side}>
              <td>{t(side)}</td>
              {keys.map((k) => (
                <td key={k} className={result.summary.before[k] !== result.summary.after[k] ? 'changed-cell' : ''}>
                  {result.summary[side][k] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {result.differences.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('colTime')}</th>
              <th>{t('colConversation')}</th>
              <th>{t('before')}</th>
              <th>{t('after')}</th>
            </tr>
          </thead>
          <tbody>
            {result.differences.map((d) => (
              <tr key={d.visitor} className="changed" data-tributary="what-if-row">
                <td className="nowrap small">
                  {d.before.decisions[0] ? formatDateTime(d.before.decisions[0].at, lang, 'stamp') : ''}
                </td>
                <td className="mono small">
                  <a {...linkProps(`/conversations/${encodeURIComponent(d.visitor)}`)}>{d.visitor}</a>
                </td>
                <td>
                  <Outcome o={d.before} names={names} />
                </td>
                <td>
                  <Outcome o={d.after} names={names} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Outcome({ o, names }: { o: WhatIfOutcome; names: Record<string, string> }) {
  const t = useT();
  const [kind, arg] = o.outcome.split(' ');
  return (
    <div>
      <div className={`event event-${kind}`} data-tributary="what-if-outcome">
        {outcomeWord(kind, t)} {arg ? (kind === 'fallback' ? reasonText(arg, t) : (names[arg] ?? arg)) : ''}
      </div>
      <ol className="outcome small muted">
        {o.decisions.map((d, i) => (
          <li key={i}>{decisionWhy(d, t, names)}</li>
        ))}
      </ol>
    </div>
  );
}

function outcomeWord(kind: string, t: ReturnType<typeof useT>): string {
  const key = `event_${kind}` as MessageKey;
  const s = t(key);
  return s === key ? kind : s;
}
