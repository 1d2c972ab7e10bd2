import { useState } from 'react';
import type { ConversationDetail, ConversationSummary } from '../api/types.ts';
import { api } from '../api/client.ts';
import { useApiErrorText } from '../i18n/apiErrorText.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { displayName } from '../live/reducer.ts';
import { toMessage } from '../live/wire.ts';
import { MessageBubble } from './MessageBubble.tsx';

/** One earlier conversation of the visitor: when, which dialogue, who took it; its transcript opens in place. */
export function EarlierConversation({
  conversation: c,
  locale,
}: {
  conversation: ConversationSummary;
  locale: string;
}) {
  const t = useT();
  const say = useApiErrorText();
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<ConversationDetail | undefined>();
  const [error, setError] = useState<string | undefined>();
  const toggle = () => {
    setOpen(!open);
    if (!detail) api.conversation(c.id).then(setDetail, (e: unknown) => setError(say(e) || t('notAllowedTranscript')));
  };
  const name = displayName({ id: c.visitorId, attributes: c.visitor });
  return (
    <li className="ctx-earlier-item" data-tributary="earlier" data-conversation={c.id}>
      <button type="button" className="ctx-earlier-head" onClick={toggle} aria-expanded={open}>
        <span className="ctx-earlier-when">
          {new Date(c.startedAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}
        </span>
        <span className="ctx-earlier-what">
          {[c.dialogueName, c.agentName].filter(Boolean).join(' · ')}{' '}
          <span className={`tag tag-${c.status}`}>{t(`convStatus_${c.status}`)}</span>
        </span>
        <span className="ctx-earlier-toggle">{open ? t('ctxHideTranscript') : t('ctxShowTranscript')}</span>
      </button>
      {open ? (
        <div className="ctx-earlier-transcript" data-tributary="earlier-transcript">
          {error ? <p className="form-error">{error}</p> : null}
          {!detail && !error ? <p className="muted">{t('loading')}</p> : null}
          {detail?.items.map((item) => (
            <MessageBubble key={item.seq} message={toMessage(item)} visitorName={name} />
          ))}
        </div>
      ) : null}
    </li>
  );
}
