import { useState } from 'react';
import { api } from '../api/client.ts';
import { useT } from '../i18n/I18nProvider.tsx';

/** Emails the transcript to a visitor who asked for it: their captured email, or one the agent types. */
export function EmailTranscriptButton({ conversationId, email }: { conversationId: string; email?: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState(email ?? '');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>();
  const send = async () => {
    try {
      const r = await api.emailTranscript(conversationId, to || undefined);
      setStatus({ ok: true, text: t('transcriptEmailed', { to: r.to }) });
      setOpen(false);
    } catch (err) {
      setStatus({ ok: false, text: (err as Error).message });
    }
  };
  return (
    <div className="transcript-email">
      {open ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <input
            type="email"
            required
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-label={t('email')}
            data-tributary="transcript-email-to"
          />
          <button type="submit" className="btn btn-primary btn-small">
            {t('send')}
          </button>
        </form>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => (setOpen(true), setStatus(undefined))}
          data-tributary="transcript-email"
        >
          {t('emailTranscript')}
        </button>
      )}
      {status ? <span className={status.ok ? 'chip chip-ok' : 'form-error small'}>{status.text}</span> : null}
    </div>
  );
}
