import { useEffect, useState } from 'react';
import { api, type Rule, type WhatIfRequest, type WhatIfResult } from '../api/client.ts';
import type { Agent, Settings } from '../api/types.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { AVAILABILITIES } from '../live/types.ts';
import { simplify } from './ConditionBuilder.tsx';
import { RuleList, ruleProblem } from './RuleList.tsx';
import { SettingsForm, settingsProblem } from './SettingsForm.tsx';
import { useLoad } from './useLoad.ts';
import { useRuleContext } from './useRuleContext.ts';
import { WhatIfResults } from './WhatIfResults.tsx';

/**
 * What-if: edit a copy of the rules, settings and agents' availability, replay the last day's live-chat requests
 * against it and compare with what actually happened. Nothing here is saved.
 */
export function WhatIfPage() {
  const t = useT();
  const { data: current, error } = useLoad(() => Promise.all([api.rules(), api.settings(), api.agents()]));
  const { data: ctx } = useRuleContext();
  const { data: teams } = useLoad(() => api.teams());
  const [rules, setRules] = useState<Rule[] | undefined>();
  const [settings, setSettings] = useState<Settings | undefined>();
  const [agents, setAgents] = useState<Agent[] | undefined>();
  const [result, setResult] = useState<WhatIfResult | undefined>();
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<string | undefined>();

  const reset = () => {
    if (!current) return;
    setRules(current[0]);
    setSettings(current[1]);
    setAgents(current[2]);
  };
  useEffect(reset, [current]);

  if (!rules || !settings || !agents || !ctx || !current) {
    return (
      <div className="admin-section">
        {error ? <p className="form-error">{error}</p> : <p className="muted">{t('loading')}</p>}
      </div>
    );
  }
  const invalid = rules.some((r) => ruleProblem(r)) || !!settingsProblem(settings);

  const run = async () => {
    setRunning(true);
    setRunError(undefined);
    try {
      const before = new Map(current[2].map((a) => [a.id, a]));
      const body: WhatIfRequest = {
        rules: rules.map((r) => ({ ...r, when: simplify(r.when) })),
        settings: {
          acceptTimeoutSec: settings.acceptTimeoutSec,
          maxChatsPerAgent: settings.maxChatsPerAgent,
          trialEngagementLimit: settings.trialEngagementLimit,
        },
        plan: settings.plan,
        agents: agents
          .filter((a) => before.get(a.id)?.status !== a.status || before.get(a.id)?.liveChat !== a.liveChat)
          .map((a) => ({ id: a.id, status: a.status, liveChat: a.liveChat })),
      };
      setResult(await api.whatIf(body));
    } catch (e) {
      setRunError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  const setAgent = (id: string, patch: Partial<Agent>) =>
    setAgents(agents.map((a) => (a.id === id ? { ...a, ...patch } : a)));
  // Whys name agents and teams by id; the results say their names.
  const names = Object.fromEntries([...(teams ?? []), ...agents].map((a) => [a.id, a.name]));
  return (
    <div className="admin-section">
      <div className="section-head">
        <h1>{t('adminWhatIf')}</h1>
        <span className="spacer" />
        <button type="button" className="btn" onClick={reset}>
          {t('loadCurrent')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void run()}
          disabled={running || invalid}
          data-tributary="run-what-if"
        >
          {running ? t('running') : t('runWhatIf')}
        </button>
      </div>
      <p className="muted">{t('whatIfLead')}</p>
      {runError ? <p className="form-error">{runError}</p> : null}
      {result ? <WhatIfResults result={result} names={names} /> : null}
      <div className="whatif-grid">
        <div>
          <section className="card">
            <h2>{t('adminSettings')}</h2>
            <SettingsForm value={settings} onChange={setSettings} showUsage={false} routingOnly />
          </section>
          <section className="card">
            <h2>{t('whatIfAgents')}</h2>
            <p className="muted small">{t('whatIfAgentsLead')}</p>
            <table className="table compact-table">
              <tbody>
                {agents.map((a) => (
                  <tr key={a.id} data-tributary="what-if-agent">
                    <td>{a.name}</td>
                    <td>
                      <select
                        value={a.status}
                        onChange={(e) => setAgent(a.id, { status: e.target.value as Agent['status'] })}
                        aria-label={t('availability')}
                      >
                        {AVAILABILITIES.map((s) => (
                          <option key={s} value={s}>
                            {t(`status_${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={a.liveChat}
                          onChange={(e) => setAgent(a.id, { liveChat: e.target.checked })}
                        />
                        <span>{t('perm_liveChat')}</span>
                      </label>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
        <section className="card">
          <h2>{t('adminRules')}</h2>
          <RuleList rules={rules} onChange={setRules} ctx={ctx} />
        </section>
      </div>
    </div>
  );
}
