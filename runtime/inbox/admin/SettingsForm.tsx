import { SETTING_BOUNDS } from '../../../shared/routing/settings.ts';
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
  const num = (k: keyof typeof SETTING_BOUNDS) => (
    <input
      type="number"
      min={SETTING_BOUNDS[k].min}
      max={SETTING_BOUNDS[k].max}
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
        {num('acceptTimeoutSec')}
      </label>
      <label className="field">
        <span>{t('maxChatsPerAgent')}</span>
        {num('maxChatsPerAgent')}
      </label>
      <label className="field">
        <span>{t('trialEngagementLimit')}</span>
        {num('trialEngagementLimit')}
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

/** A reason the settings cannot be saved (the field's name), or undefined. Same bounds as the server's. */
export function settingsProblem(s: Settings): string | undefined {
  if (!s.fallbackMessage.trim()) return 'fallbackMessage';
  for (const [k, { min, max }] of Object.entries(SETTING_BOUNDS) as [
    keyof typeof SETTING_BOUNDS,
    typeof SETTING_BOUNDS.acceptTimeoutSec,
  ][]) {
    const v = s[k];
    if (!Number.isInteger(v) || v < min || v > max) return k;
  }
  return undefined;
}
