import { useCallback, useEffect, useState } from 'react';
import type { Appearance, AppearanceOverride } from '../../shared/widget/appearance.ts';
import { ApiError } from '../../web/api/client.ts';
import { streamsApi } from '../api/streams.ts';
import type { Dialogue } from '../api/types.ts';
import { widgetApi } from '../api/widget.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { AppearanceForm } from './AppearanceForm.tsx';
import { WidgetPreview } from './WidgetPreview.tsx';

type Errors = Partial<Record<keyof Appearance | 'avatar', string>>;
const WORKSPACE = '';

/**
 * The widget's appearance: the workspace's, or one dialogue's override (the fields that differ from the
 * workspace's when saved; the rest keeps following it). The form on the left, the real widget on the right in two
 * states (a conversation with answers and the input; the live-chat hand-off), redrawn as the form changes.
 */
export function AppearancePage() {
  const { t, lang } = useI18n();
  const [scope, setScope] = useState(WORKSPACE);
  const [dialogues, setDialogues] = useState<Dialogue[]>([]);
  const [workspace, setWorkspace] = useState<Appearance | null>(null);
  const [value, setValue] = useState<Appearance | null>(null);
  const [saved, setSaved] = useState<Appearance | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ ok?: string; error?: string }>({});
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (which: string) => {
    setErrors({});
    setStatus({});
    const ws = (await widgetApi.appearance()).appearance;
    const shown = which === WORKSPACE ? ws : (await widgetApi.dialogueAppearance(which)).appearance;
    setWorkspace(ws);
    setValue(shown);
    setSaved(shown);
  }, []);

  useEffect(() => {
    load(scope).catch((e: Error) => setStatus({ error: e.message }));
  }, [scope, load]);
  useEffect(() => {
    streamsApi.dialogues().then(setDialogues, () => setDialogues([]));
  }, []);

  if (!value || !workspace) return <div className="empty">{status.error ?? t('app.loading')}</div>;

  const dirty = JSON.stringify(value) !== JSON.stringify(saved);
  const save = async () => {
    setBusy(true);
    setErrors({});
    setStatus({});
    try {
      const res =
        scope === WORKSPACE
          ? await widgetApi.saveAppearance(value)
          : await widgetApi.saveDialogueAppearance(scope, overrideOf(value, workspace));
      setValue(res.appearance);
      setSaved(res.appearance);
      if (scope === WORKSPACE) setWorkspace(res.appearance);
      setStatus({ ok: res.warnings.length ? res.warnings[0].message : t('widget.saved') });
    } catch (e) {
      const field = e instanceof ApiError ? /^(\w+)[.:]/.exec(e.message)?.[1] : undefined;
      if (field) setErrors({ [field]: e instanceof Error ? e.message.replace(/^[\w.]+:\s*/, '') : '' });
      setStatus({ error: t('widget.saveFailed', { message: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="appearance">
      <section className="appearance__form">
        <div className="field">
          <label className="field__label" htmlFor="appearance-scope">
            {t('widget.scope')}
          </label>
          <select
            id="appearance-scope"
            className="input"
            value={scope}
            onChange={(e) => setScope(e.target.value)}
            data-testid="appearance-scope"
          >
            <option value={WORKSPACE}>{t('widget.scopeWorkspace')}</option>
            {dialogues.map((d) => (
              <option key={d.id} value={d.id}>
                {t('widget.scopeDialogue', { name: d.name })}
              </option>
            ))}
          </select>
          <div className="field__hint">
            {scope === WORKSPACE ? t('widget.scopeWorkspaceHint') : t('widget.scopeDialogueHint')}
          </div>
        </div>
        <AppearanceForm value={value} errors={errors} onChange={(p) => setValue({ ...value, ...p })} />
        {status.error ? (
          <div className="error-banner" role="alert">
            {status.error}
          </div>
        ) : status.ok ? (
          <div className="ok-banner" role="status">
            {status.ok}
          </div>
        ) : null}
        <div className="appearance__actions">
          <button type="button" className="btn btn--primary" disabled={busy || !dirty} onClick={save}>
            {busy ? t('widget.saving') : t('widget.save')}
          </button>
          <button type="button" className="btn" disabled={busy || !dirty} onClick={() => setValue(saved)}>
            {t('widget.discard')}
          </button>
          {scope !== WORKSPACE ? (
            <button
              type="button"
              className="btn btn--ghost"
              disabled={busy}
              onClick={() => widgetApi.saveDialogueAppearance(scope, {}).then(() => load(scope))}
            >
              {t('widget.followWorkspace')}
            </button>
          ) : null}
        </div>
        <p className="field__hint">{t('widget.nextConversation')}</p>
      </section>
      <section className="appearance__preview" aria-label={t('widget.preview')}>
        <WidgetPreview appearance={value} view="question" lang={lang} label={t('widget.previewConversation')} />
        <WidgetPreview appearance={value} view="live" lang={lang} label={t('widget.previewLive')} />
      </section>
    </div>
  );
}

/** A dialogue keeps as its own only what differs from the workspace, so that it follows the workspace otherwise. */
function overrideOf(value: Appearance, workspace: Appearance): AppearanceOverride {
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(value) as (keyof Appearance)[]) if (value[k] !== workspace[k]) o[k] = value[k];
  return o as AppearanceOverride;
}
