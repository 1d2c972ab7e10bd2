/** @jsxImportSource preact */
import { useState } from 'preact/hooks';
import type { Controller } from './controller.ts';
import type { Strings } from './strings.ts';
import type { View } from './viewStore.ts';

/**
 * The strip under the header after "Email me the transcript": sending, the address to send it to (when the server
 * knows none, or refused the one given, with why), or where it went.
 */
export function TranscriptMail({ mail, t, ctl }: { mail: NonNullable<View['mail']>; t: Strings; ctl: Controller }) {
  const [email, setEmail] = useState('');
  if (mail.state === 'sending')
    return (
      <div class="banner mail" role="status">
        {t.sending}
      </div>
    );
  if (mail.state === 'sent')
    return (
      <div class="banner mail" role="status" data-tributary="transcript-sent">
        <span>{t.transcriptSent(mail.to ?? '')}</span>
        <button type="button" class="mail-x" aria-label={t.close} onClick={() => ctl.dismissMail()}>
          ×
        </button>
      </div>
    );
  return (
    <form
      class="banner mail"
      onSubmit={(e) => {
        e.preventDefault();
        ctl.emailTranscript(email);
      }}
    >
      <label for="tb-mail">{t.transcriptAsk}</label>
      <div class="mail-row">
        <input
          id="tb-mail"
          type="text"
          inputMode="email"
          autoComplete="email"
          data-tributary="transcript-email-input"
          placeholder={t.missedEmailPlaceholder}
          value={email}
          onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="end">
          {t.send}
        </button>
        <button type="button" class="mail-x" aria-label={t.close} onClick={() => ctl.dismissMail()}>
          ×
        </button>
      </div>
      {mail.error && (
        <div class="mail-error" role="alert" data-tributary="transcript-error">
          {mail.error}
        </div>
      )}
    </form>
  );
}
