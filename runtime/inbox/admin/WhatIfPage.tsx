import { useEffect, useState } from 'react';
import type { Rule as RoutingRule } from '../api/client.ts';
import { api, type WhatIfResult } from '../api/client.ts';
import type { Settings } from '../api/types.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { simplify } from './ConditionBuilder.tsx';
import { RuleList, ruleProblem } from './RuleList.tsx';
import { SettingsForm, settingsProblem } from './SettingsForm.tsx';
import { useLoad } from './useLoad.ts';
import { useRuleContext } from './useRuleContext.ts';
import { WhatIfResults } from './WhatIfResults.tsx';

/**
 * What-if: edit a copy of the rules and settings, replay the last day's live-chat requests against it and compare
 * with what actually happened. Nothing here is saved.
 */
export function WhatIfPage() {
  const t = useT();
  const { data: current, error } = useLoad(() => Promise.all([api.rules(), api.settings()]));
  const { data: ctx } = useRuleContext();
  const [rules, setRules] = useState<RoutingRule[] | undefined>();
  const [settings, setSettings] = useState<Settings | undefined>();
  const [result, setResult] = useState<WhatIfResult | undefined>();
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<string | undefined>();

  const reset = () => {
    if (!current) return;
    setRules(current[0]);
    setSettings(current[1]);
  };
  useEffect(reset, [current]);

  if (!rules || !settings || !ctx) return <div className="admin-section">{error ? <p className="form-error">{error}</p> : <p className="muted">{t('loading')}</p>}</div>;
  const invalid = rules.some((r) => ruleProblem(r)) || !!settingsProblem(settings);

  const run = async () => {
    setRunning(true);
    setRunError(undefined);
    try {
      const { engagementsUsed: _u, plan, ...rest } = settings;
      setResult(await api.whatIf({ rules: rules.map((r) => ({ ...r, when: simplify(r.when) })), settings: rest, plan }));
    } catch (e) {
      setRunError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  const names = Object.fromEntries(ctx.agents.map((a) => [a.id, a.name]));
  return (
    <div className="admin-section">
      <div className="section-head">
        <h1>{t('adminWhatIf')}</h1>
        <span className="spacer" />
        <button type="button" className="btn" onClick={reset}>
          {t('loadCurrent')}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={running || invalid} data-tributary="run-what-if">
          {running ? t('running') : t('runWhatIf')}
        </button>
      </div>
      <p className="muted">{t('whatIfLead')}</p>
      {runError ? <p className="form-error">{runError}</p> : null}
      {result ? <WhatIfResults result={result} names={names} /> : null}
      <div className="whatif-grid">
        <section className="card">
          <h2>{t('adminSettings')}</h2>
          <SettingsForm value={settings} onChange={setSettings} showUsage={false} />
        </section>
        <section className="card">
          <h2>{t('adminRules')}</h2>
          <RuleList rules={rules} onChange={setRules} ctx={ctx} />
        </section>
      </div>
    </div>
  );
}
