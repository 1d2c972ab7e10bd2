import { PLANS, type Plan, type Settings } from '../api/types.ts';
import { useT } from '../i18n/I18nProvider.tsx';

/** The workspace's live-chat settings as form fields (the settings page and the what-if page both use it). */
export function SettingsForm({
  value,
  onChange,
  showUsage = true,
  routingOnly = false,
}: {
  value: Settings;
  onChange(s: Settings): void;
  showUsage?: boolean;
  /** Only what changes routing decisions (the what-if page). */
  routingOnly?: boolean;
}) {
  const t = useT();
  const num = (k: 'acceptTimeoutSec' | 'maxChatsPerAgent' | 'trialEngagementLimit', min: number, max?: number) => (
    <input
      type="number"
      min={min}
      max={max}
      required
      value={Number.isFinite(value[k]) ? value[k] : ''}
      onChange={(e) => onChange({ ...value, [k]: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
      data-tributary={`setting-${k}`}
    />
  );
  return (
    <div className="form-grid">
      {routingOnly ? null : (
        <label className="field field-wide">
          <span>{t('fallbackMessage')}</span>
          <textarea
            rows={3}
            value={value.fallbackMessage}
            onChange={(e) => onChange({ ...value, fallbackMessage: e.target.value })}
            required
            data-tributary="setting-fallbackMessage"
          />
          <small className="muted">{t('fallbackHint')}</small>
        </label>
      )}
      <label className="field">
        <span>{t('plan')}</span>
        <select
          value={value.plan}
          onChange={(e) => onChange({ ...value, plan: e.target.value as Plan })}
          data-tributary="setting-plan"
        >
          {PLANS.map((p) => (
            <option key={p} value={p}>
              {t(`plan_${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('acceptTimeoutSec')}</span>
        {num('acceptTimeoutSec', 5, 600)}
      </label>
      <label className="field">
        <span>{t('maxChatsPerAgent')}</span>
        {num('maxChatsPerAgent', 1, 10)}
      </label>
      <label className="field">
        <span>{t('trialEngagementLimit')}</span>
        {num('trialEngagementLimit', 0)}
      </label>
      {showUsage ? (
        <div className="field">
          <span>{t('engagementsUsed')}</span>
          <div className="usage">
            <div className="usage-bar">
              <span
                style={{
                  width: `${Math.min(100, (value.engagementsUsed / Math.max(1, value.trialEngagementLimit)) * 100)}%`,
                }}
              />
            </div>
            <span className="small">
              {t('trialUsage', { used: value.engagementsUsed, limit: value.trialEngagementLimit })}
              {value.plan !== 'select' ? ' —' : ''}
            </span>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** A reason the settings cannot be saved, or undefined. */
export function settingsProblem(s: Settings): string | undefined {
  if (!s.fallbackMessage.trim()) return 'fallbackMessage';
  if (!Number.isInteger(s.acceptTimeoutSec) || s.acceptTimeoutSec < 5 || s.acceptTimeoutSec > 600)
    return 'acceptTimeoutSec';
  if (!Number.isInteger(s.maxChatsPerAgent) || s.maxChatsPerAgent < 1 || s.maxChatsPerAgent > 10)
    return 'maxChatsPerAgent';
  if (!Number.isInteger(s.trialEngagementLimit) || s.trialEngagementLimit < 0) return 'trialEngagementLimit';
  return undefined;
}
