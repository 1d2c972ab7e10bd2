import { useEffect, useState } from 'react';
import type { Rule as RoutingRule } from '../api/client.ts';
import { api } from '../api/client.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { simplify } from './ConditionBuilder.tsx';
import { RuleList, ruleProblem } from './RuleList.tsx';
import { useLoad } from './useLoad.ts';
import { useRuleContext } from './useRuleContext.ts';

/** The workspace's ordered custom rules, edited as a draft and saved as a whole (the server replaces the list). */
export function RulesPage() {
  const t = useT();
  const { data: saved, error, setData: setSaved, setError } = useLoad(() => api.rules());
  const { data: ctx, error: ctxError } = useRuleContext();
  const [draft, setDraft] = useState<RoutingRule[] | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  useEffect(() => {
    if (saved && !draft) setDraft(saved);
  }, [saved, draft]);

  if (!draft || !ctx)
    return (
      <div className="admin-section">
        {error || ctxError ? (
          <p className="form-error">{error ?? ctxError}</p>
        ) : (
          <p className="muted">{t('loading')}</p>
        )}
      </div>
    );
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const invalid = draft.some((r) => ruleProblem(r));

  const save = async () => {
    setStatus(undefined);
    try {
      const rules = await api.saveRules(draft.map((r) => ({ ...r, when: simplify(r.when) })));
      setSaved(rules);
      setDraft(rules);
      setStatus(t('saved'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="admin-section">
      <div className="section-head">
        <h1>{t('adminRules')}</h1>
        {dirty ? (
          <span className="chip chip-warn">{t('unsavedChanges')}</span>
        ) : status ? (
          <span className="chip chip-ok">{status}</span>
        ) : null}
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-primary"
          disabled={!dirty || invalid}
          onClick={() => void save()}
          data-tributary="save-rules"
        >
          {t('saveRules')}
        </button>
      </div>
      <p className="muted">{t('rulesLead')}</p>
      {error ? <p className="form-error">{error}</p> : null}
      <RuleList rules={draft} onChange={setDraft} ctx={ctx} />
    </div>
  );
}
