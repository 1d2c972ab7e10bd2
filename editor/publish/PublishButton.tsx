import { useState, useSyncExternalStore } from 'react';
import type { EditorSession } from '../collab/editorSession.ts';
import { useT } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import { publishDraft } from './publishDraft.ts';
import { useUnpublished } from './useUnpublished.ts';

/**
 * Publish: needs the publish permission and a draft without lint errors; when disabled, the reason is shown next
 * to it (not only in a tooltip).
 */
export function PublishButton({ session, canPublish }: { session: EditorSession; canPublish: boolean }) {
  const t = useT();
  const errors = useSyncExternalStore(session.lint.subscribe, () => session.lint.errorCount());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const unpublished = useUnpublished(session);
  const reason = !canPublish
    ? t('toolbar.publishNoPermission')
    : errors > 0
      ? t('toolbar.publishBlocked', { count: errors })
      : undefined;

  const publish = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      const r = await publishDraft(session.streamId, () => session.lint.errorCount());
      setResult(
        r.ok
          ? { ok: true, text: t('toolbar.published', { version: r.version }) }
          : { ok: false, text: t('toolbar.publishFailed', { message: r.message }) },
      );
    } catch (err) {
      setResult({
        ok: false,
        text: t('toolbar.publishFailed', { message: err instanceof Error ? err.message : String(err) }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="publish">
      {reason ? (
        <span className="publish__reason" data-tributary="publish-reason">
          {reason}
        </span>
      ) : result ? (
        <span
          className={'publish__result' + (result.ok ? ' is-ok' : ' is-error')}
          data-tributary="publish-result"
          role="status"
        >
          {result.ok ? <Icon path={icons.check} size={14} /> : null} {result.text}
        </span>
      ) : unpublished ? (
        <span className="publish__pending" data-tributary="unpublished" role="status">
          {t('toolbar.unpublished')}
        </span>
      ) : null}
      <button
        type="button"
        className="btn btn--primary"
        data-tributary="publish"
        disabled={!!reason || busy}
        title={reason}
        onClick={() => void publish()}
      >
        {busy ? t('toolbar.publishing') : t('toolbar.publish')}
      </button>
    </div>
  );
}
