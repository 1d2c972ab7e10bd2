import type { MessageKey } from '../i18n/en.ts';
import { useI18n, useT } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../../web/formatDate.ts';
import type { ChatMessage } from '../live/types.ts';
import { Avatar } from './Avatar.tsx';
import { reasonText } from '../i18n/reason.ts';

/**
 * One message. Text is rendered as React text (never as HTML), so whatever a visitor types shows literally.
 * Conversation events (joined, ended, fallback) are centred lines worded in the agent's language.
 */
export function MessageBubble({
  message,
  visitorName,
  me,
  latest,
}: {
  message: ChatMessage;
  visitorName: string;
  me?: { name: string; avatarUrl: string | null };
  /** The agent's latest message: its delivery state is the chat's `receipt` (SPEC §8.5). */
  latest?: boolean;
}) {
  const { t, lang } = useI18n();
  if (message.from === 'system' && message.system) {
    return <div className="sys-line">{systemText(message, t)}</div>;
  }
  if (message.system?.kind === 'fallback') {
    // The fallback message is what the visitor read; the line under it says why they got it.
    const { system: _s, ...bubble } = message;
    return (
      <>
        <MessageBubble message={bubble} visitorName={visitorName} me={me} />
        <div className="sys-line">{systemText(message, t)}</div>
      </>
    );
  }
  const side = message.from === 'agent' ? 'out' : 'in';
  const who =
    message.from === 'agent'
      ? (message.agentName ?? me?.name ?? t('you'))
      : message.from === 'bot'
        ? t('bot')
        : visitorName;
  return (
    <div className={`msg msg-${message.from} msg-${side}${message.note ? ' msg-note' : ''}`}>
      {side === 'in' ? message.from === 'bot' ? <BotIcon /> : <Avatar name={visitorName} size={28} /> : null}
      <div className="msg-body">
        <div className="msg-meta">
          <span className="msg-who">{who}</span>
          {message.note ? <span className="note-tag">{t('noteTag')}</span> : null}
          <time dateTime={new Date(message.at).toISOString()}>{formatDateTime(message.at, lang, 'time')}</time>
        </div>
        <div
          className="bubble"
          data-tributary="message"
          data-from={message.from}
          {...(message.note ? { 'data-note': '' } : {})}
        >
          {message.link ? (
            <a href={safeUrl(message.link.url)} target="_blank" rel="noreferrer noopener">
              📄 {message.link.name}
            </a>
          ) : (
            message.text
          )}
        </div>
        {message.choices?.length ? (
          <div className="msg-choices">
            {message.choices.map((c) => (
              <span key={c} className="choice">
                {c}
              </span>
            ))}
          </div>
        ) : null}
        {message.from === 'agent' && message.delivery && !message.note ? (
          <div
            className={`delivery delivery-${message.delivery}`}
            {...(latest ? { 'data-tributary': 'receipt', 'data-state': message.delivery } : {})}
          >
            <span data-tributary="delivery" data-state={message.delivery}>
              {t(`delivery_${message.delivery}` as MessageKey)}
            </span>
          </div>
        ) : null}
      </div>
      {side === 'out' ? <Avatar name={who} url={message.agentAvatar ?? me?.avatarUrl} size={28} /> : null}
    </div>
  );
}

function systemText(m: ChatMessage, t: ReturnType<typeof useT>): string {
  const s = m.system;
  switch (s?.kind) {
    case 'waiting':
      return t('sys_waiting');
    case 'agentJoined':
      return t('sys_agentJoined', { name: s.name });
    case 'fallback':
      return t('sys_fallback', { reason: reasonText(s.reason, t) });
    case 'chatEnded':
      return t(`sys_chatEnded_${s.by}`);
    case 'ended':
      return t(`sys_ended_${s.reason}`);
    case 'invalid':
      return t('sys_invalid');
    default:
      return m.text;
  }
}

function BotIcon() {
  return (
    <span className="avatar avatar-bot" aria-hidden="true">
      <svg width="16" height="16" viewBox="0 0 24 24">
        <path
          fill="#667085"
          d="M11 2h2v3h4a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V8a3 3 0 0 1 3-3h4V2Zm-2 9.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Zm6 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3ZM8 14v1.5h8V14H8Zm-7-3h2v5H1v-5Zm20 0h2v5h-2v-5Z"
        />
      </svg>
    </span>
  );
}

/** Only http(s) links are clickable; anything else (javascript:, data:) becomes inert. */
function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
