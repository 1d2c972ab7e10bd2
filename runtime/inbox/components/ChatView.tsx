import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { CannedReplyView } from '../../../shared/api/cannedReplies.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { displayName } from '../live/reducer.ts';
import type { Chat } from '../live/types.ts';
import { Composer } from './Composer.tsx';
import { MessageBubble } from './MessageBubble.tsx';

/**
 * The centre column: the bot transcript the visitor went through, then the live chat with typing indicator and
 * delivery state, and the composer. `onRead` reports the newest visitor message on screen (read receipts).
 */
export function ChatView({
  chat,
  me,
  onSend,
  onTyping,
  onEnd,
  onClose,
  onRead,
  actions,
  banner,
  canned,
}: {
  chat: Chat;
  me?: { name: string; avatarUrl: string | null };
  onSend(text: string, opts: { note: boolean }): void;
  onTyping(on: boolean): void;
  onEnd(): void;
  onClose(): void;
  onRead?(upTo: number): void;
  /** More header actions of a live chat (transfer), and a line under the header. */
  actions?: ReactNode;
  banner?: ReactNode;
  /** The canned replies `/` offers in the composer. */
  canned?: readonly CannedReplyView[];
}) {
  const t = useT();
  const name = displayName(chat.visitor);
  const scroller = useRef<HTMLDivElement>(null);
  const count = chat.messages.length + chat.transcript.length;

  // Stay pinned to the newest message, as chat apps do; also when the typing indicator appears.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [chat.id, count, chat.visitorTyping]);

  const lastVisitorSeq = [...chat.messages].reverse().find((m) => m.from === 'visitor' && m.seq !== undefined)?.seq;
  useEffect(() => {
    if (lastVisitorSeq !== undefined && onRead && document.visibilityState !== 'hidden') onRead(lastVisitorSeq);
  }, [chat.id, lastVisitorSeq, onRead]);

  // An ended chat says so once, under the transcript: the chatEnded and ended entries are not drawn as well.
  const shown = chat.ended
    ? chat.messages.filter((m) => m.system?.kind !== 'chatEnded' && m.system?.kind !== 'ended')
    : chat.messages;
  const latestMine = [...shown].reverse().find((m) => m.from === 'agent' && !m.note);
  // Ending cannot be undone (the visitor can no longer write): the button asks once more, in place.
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setConfirming(false), [chat.id]);

  const endedText =
    chat.endedBy === 'visitor'
      ? t('chatEndedByVisitor')
      : chat.endedBy === 'agent'
        ? t('chatEndedByAgent')
        : t('chatEndedBySystem');

  return (
    <section className="chat-view" aria-label={name} data-tributary="chat-view" data-chat={chat.id}>
      <header className="chat-head">
        <div>
          <h2>{name}</h2>
          <div className="chat-head-sub">
            {chat.visitor.dialogue ? <span>{chat.visitor.dialogue}</span> : null}
            {chat.ended ? (
              <span className="tag">{t('ended')}</span>
            ) : (
              <span className="tag tag-live">{t('liveChat')}</span>
            )}
          </div>
        </div>
        {chat.ended ? (
          <button type="button" className="btn" onClick={onClose} data-tributary="close-chat">
            {t('closeChat')}
          </button>
        ) : (
          <div className="chat-head-actions">
            {confirming ? (
              <div className="end-confirm" role="alertdialog" aria-label={t('endChat')}>
                <span>{t('endChatConfirm', { name })}</span>
                <button type="button" className="btn" onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </button>
                <button
                  type="button"
                  className="btn btn-danger"
                  onClick={() => (setConfirming(false), onEnd())}
                  data-tributary="confirm-end"
                >
                  {t('endChat')}
                </button>
              </div>
            ) : (
              <>
                {actions}
                <button
                  type="button"
                  className="btn btn-danger-outline"
                  onClick={() => setConfirming(true)}
                  data-tributary="end-chat"
                >
                  {t('endChat')}
                </button>
              </>
            )}
          </div>
        )}
      </header>
      {chat.ended ? null : banner}
      <div className="chat-scroll" ref={scroller}>
        {chat.transcript.length > 0 ? (
          <div className="transcript" data-tributary="transcript">
            <div className="section-label">{t('beforeYouJoined')}</div>
            {chat.transcript.map((m) => (
              <MessageBubble key={m.id} message={m} visitorName={name} me={me} />
            ))}
          </div>
        ) : null}
        <div className="section-label">{t('liveChat')}</div>
        {shown.map((m) => (
          <MessageBubble
            key={m.clientId && m.from === 'agent' ? `c:${m.clientId}` : m.id}
            message={m}
            visitorName={name}
            me={me}
            latest={m === latestMine}
          />
        ))}
        {chat.visitorTyping ? (
          <div className="typing" data-tributary="typing" aria-live="polite">
            <span className="dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {t('typing', { name })}
          </div>
        ) : null}
        {chat.ended ? <div className="ended-note">{endedText}</div> : null}
      </div>
      <Composer
        key={chat.id}
        onSend={onSend}
        onTyping={onTyping}
        canned={canned}
        attributes={chat.visitor.attributes}
        disabled={chat.ended}
        placeholder={chat.ended ? endedText : t('composerPlaceholder', { name })}
      />
    </section>
  );
}
