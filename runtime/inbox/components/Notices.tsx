import { useEffect, useRef } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { refusalText } from '../i18n/refusal.ts';
import type { Notice } from '../live/types.ts';

const LIFETIME_MS = 10_000;

/** Short notes where a banner was (an offer lapsed or was withdrawn, an error); each fades after 10 s. */
export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss(id: string): void }) {
  const t = useT();
  const dismissRef = useRef(onDismiss);
  dismissRef.current = onDismiss;
  useEffect(() => {
    if (notices.length === 0) return;
    const timers = notices.map((n) => setTimeout(() => dismissRef.current(n.id), LIFETIME_MS));
    return () => timers.forEach(clearTimeout);
  }, [notices]);
  return (
    <>
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role="status" data-tributary="notice" data-kind={n.kind}>
          <span>
            {n.kind === 'error'
              ? t('errorGeneric', { message: n.detail ?? n.name })
              : t(n.kind as MessageKey, { name: n.kind === 'transferRefused' ? refusalText(n.name, t) : n.name })}
          </span>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => onDismiss(n.id)}
            aria-label={t('close')}
          >
            ×
          </button>
        </div>
      ))}
    </>
  );
}
