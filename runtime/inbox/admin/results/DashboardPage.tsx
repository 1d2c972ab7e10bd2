import { useMemo, useState } from 'react';
import type { Dashboard } from '../../../../shared/api/dashboard.ts';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useLoad } from '../useLoad.ts';
import { TimeChart, type ChartSeries } from './TimeChart.tsx';
import './results.css';

const SPANS = [7, 30, 90] as const;
const DAY_MS = 86_400_000;
const COLORS = {
  blue: '#1473e6',
  teal: '#0d9488',
  green: '#12b76a',
  amber: '#f79009',
  red: '#d92d20',
  grey: '#667085',
};

/**
 * Results over time (admin console): engagements and conversions per stream, live-chat outcomes, and each agent's
 * requests, accepts, misses and time to accept, as uPlot charts over the UTC days of the range, with the totals
 * in tables beside them.
 */
export function DashboardPage() {
  const t = useT();
  const [span, setSpan] = useState<(typeof SPANS)[number]>(30);
  const [streamId, setStreamId] = useState('');
  const [agentId, setAgentId] = useState('');
  const { data, error } = useLoad(() => {
    const now = Date.now();
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    return api.dashboard({ from: day(now - (span - 1) * DAY_MS), to: day(now) });
  }, [span]);
  const charts = useMemo(() => (data ? chartsOf(data, streamId, agentId, t) : undefined), [data, streamId, agentId, t]);
  return (
    <div className="admin-section dashboard">
      <div className="section-head">
        <h1>{t('adminDashboard')}</h1>
        <span className="grow" />
        <select
          value={span}
          onChange={(e) => setSpan(Number(e.target.value) as (typeof SPANS)[number])}
          aria-label={t('dashRange')}
          data-tributary="dashboard-range"
        >
          {SPANS.map((s) => (
            <option key={s} value={s}>
              {t('dashLastDays', { days: s })}
            </option>
          ))}
        </select>
      </div>
      <p className="muted">{t('dashLead')}</p>
      {error ? <p className="form-error">{error}</p> : null}
      {!data || !charts ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <>
          <section className="dash-block">
            <div className="dash-block__head">
              <h2>{t('dashConversations')}</h2>
              <select value={streamId} onChange={(e) => setStreamId(e.target.value)} aria-label={t('dashStream')}>
                <option value="">{t('dashAllStreams')}</option>
                {data.streams.map((s) => (
                  <option key={s.streamId} value={s.streamId}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="dash-charts">
              <TimeChart title={t('dashEngagements')} days={data.days} series={charts.conversations} />
              <TimeChart title={t('dashLiveChats')} days={data.days} series={charts.liveChat} />
            </div>
            <table className="table dash-table" data-tributary="dashboard-streams">
              <thead>
                <tr>
                  <th>{t('dashStream')}</th>
                  <th>{t('dashStarted')}</th>
                  <th>{t('dashEngaged')}</th>
                  <th>{t('dashCompleted')}</th>
                  <th>{t('dashGoals')}</th>
                  <th>{t('dashConversion')}</th>
                  <th>{t('dashHandoff')}</th>
                  <th>{t('dashMissed')}</th>
                </tr>
              </thead>
              <tbody>
                {data.streams.length === 0 ? (
                  <tr>
                    <td colSpan={8} className="muted">
                      {t('dashNothing')}
                    </td>
                  </tr>
                ) : null}
                {data.streams.map((s) => {
                  const started = sum(s.started);
                  return (
                    <tr key={s.streamId}>
                      <td>{s.name}</td>
                      <td>{started}</td>
                      <td>{sum(s.engaged)}</td>
                      <td>{sum(s.completed)}</td>
                      <td>{sum(s.goals)}</td>
                      <td>{started ? `${Math.round((sum(s.goals) / started) * 100)}%` : '—'}</td>
                      <td>{sum(s.handoff)}</td>
                      <td>{sum(s.missed)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <section className="dash-block">
            <div className="dash-block__head">
              <h2>{t('dashAgents')}</h2>
              <select value={agentId} onChange={(e) => setAgentId(e.target.value)} aria-label={t('dashAgent')}>
                <option value="">{t('dashAllAgents')}</option>
                {data.agents.map((a) => (
                  <option key={a.agentId} value={a.agentId}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="dash-charts">
              <TimeChart title={t('dashAgentChats')} days={data.days} series={charts.agents} />
            </div>
            <table className="table dash-table" data-tributary="dashboard-agents">
              <thead>
                <tr>
                  <th>{t('dashAgent')}</th>
                  <th>{t('dashRequests')}</th>
                  <th>{t('dashAccepted')}</th>
                  <th>{t('dashMissed')}</th>
                  <th>{t('dashMedianAccept')}</th>
                  <th>{t('dashMeanAccept')}</th>
                </tr>
              </thead>
              <tbody>
                {data.agents.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="muted">
                      {t('dashNoChats')}
                    </td>
                  </tr>
                ) : null}
                {data.agents.map((a) => (
                  <tr key={a.agentId}>
                    <td>{a.name}</td>
                    <td>{a.totals.offered}</td>
                    <td>{a.totals.connected}</td>
                    <td>{a.totals.missed}</td>
                    <td>{seconds(a.totals.medianAcceptSec, true)}</td>
                    <td>{seconds(a.totals.meanAcceptSec, false)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">
              {t('dashMedianNote', { median: seconds(data.liveChat.medianAcceptSec, true) })}
            </p>
          </section>
        </>
      )}
    </div>
  );
}

type T = ReturnType<typeof useT>;

function chartsOf(d: Dashboard, streamId: string, agentId: string, t: T) {
  const streams = streamId ? d.streams.filter((s) => s.streamId === streamId) : d.streams;
  const agents = agentId ? d.agents.filter((a) => a.agentId === agentId) : d.agents;
  const n = d.days.length;
  const add = (rows: readonly (readonly number[])[]) => {
    const out = new Array<number>(n).fill(0);
    for (const r of rows) for (let i = 0; i < n; i++) out[i] += r[i] ?? 0;
    return out;
  };
  const conversations: ChartSeries[] = [
    { label: t('dashStarted'), values: add(streams.map((s) => s.started)), color: COLORS.grey },
    { label: t('dashEngaged'), values: add(streams.map((s) => s.engaged)), color: COLORS.blue },
    { label: t('dashCompleted'), values: add(streams.map((s) => s.completed)), color: COLORS.teal },
    { label: t('dashGoals'), values: add(streams.map((s) => s.goals)), color: COLORS.green },
  ];
  // Live chats of the chosen stream come from its hand-offs and misses; all streams: the workspace's live chats.
  const liveChat: ChartSeries[] = streamId
    ? [
        { label: t('dashRequests'), values: add(streams.map((s) => s.handoff)), color: COLORS.amber },
        { label: t('dashMissed'), values: add(streams.map((s) => s.missed)), color: COLORS.red },
      ]
    : [
        { label: t('dashRequests'), values: d.liveChat.requested, color: COLORS.amber },
        { label: t('dashAccepted'), values: d.liveChat.connected, color: COLORS.green },
        { label: t('dashMissed'), values: d.liveChat.missed, color: COLORS.red },
      ];
  const agentSeries: ChartSeries[] = [
    { label: t('dashOffered'), values: add(agents.map((a) => a.offered)), color: COLORS.amber },
    { label: t('dashAccepted'), values: add(agents.map((a) => a.connected)), color: COLORS.green },
    { label: t('dashMissed'), values: add(agents.map((a) => a.missed)), color: COLORS.red },
  ];
  return { conversations, liveChat, agents: agentSeries };
}

const sum = (a: readonly number[]) => a.reduce((x, y) => x + y, 0);

/** A median is a bucket's upper bound ("≤ 10 s"); a mean is a value. */
function seconds(s: number | null, bucket: boolean): string {
  if (s === null) return '—';
  return bucket ? `≤ ${s} s` : `${s} s`;
}
