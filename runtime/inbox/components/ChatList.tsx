import { useT } from '../i18n/I18nProvider.tsx';
import { displayName } from '../live/reducer.ts';
import type { Availability, Chat, ChatMessage } from '../live/types.ts';
import { Avatar } from './Avatar.tsx';

/** The left column: the agent's open chats with unread counts, newest activity first within the list order. */
export function ChatList({
  chats,
  activeId,
  max,
  status,
  onSelect,
  meId,
}: {
  /** The signed-in agent: their own messages read "You:", a colleague's (before a transfer) carry that name. */
  meId?: string;
  chats: Chat[];
  activeId?: string;
  max: number;
  status: Availability;
  onSelect(id: string): void;
}) {
  const t = useT();
  const open = chats.filter((c) => !c.ended).length;
  return (
    <nav className="chat-list" aria-label={t('chats')}>
      <div className="chat-list-head">
        <h2>{t('chats')}</h2>
        <span
          className={`chip${open >= max ? ' chip-warn' : ''}`}
          title={open >= max ? t('atCapacity', { max }) : undefined}
        >
          {t('chatsCount', { count: open, max })}
        </span>
      </div>
      {chats.length === 0 ? (
        <div className="chat-list-empty">
          <EmptyIllustration />
          <strong>{t('noChats')}</strong>
          <span>{t(status === 'online' ? 'noChatsOnline' : 'noChatsOffline')}</span>
        </div>
      ) : (
        <ul>
          {chats.map((chat) => {
            const name = displayName(chat.visitor);
            const last = lastLine(chat);
            return (
              <li key={chat.id}>
                <button
                  type="button"
                  className={`chat-item${chat.id === activeId ? ' active' : ''}${chat.ended ? ' ended' : ''}`}
                  onClick={() => onSelect(chat.id)}
                  data-tributary="chat"
                  data-chat={chat.id}
                  aria-current={chat.id === activeId ? 'true' : undefined}
                >
                  <Avatar name={name} size={34} />
                  <span className="chat-item-body">
                    <span className="chat-item-top">
                      <span className="chat-item-name">{name}</span>
                      {chat.ended ? <span className="tag">{t('ended')}</span> : null}
                    </span>
                    <span className="chat-item-last">
                      {chat.visitorTyping ? (
                        <em>{t('typing', { name })}</em>
                      ) : last ? (
                        preview(last, t('you'), meId)
                      ) : (
                        ''
                      )}
                    </span>
                  </span>
                  {chat.unread > 0 ? (
                    <span className="badge" aria-label={t('unread', { count: chat.unread })} data-tributary="unread">
                      {chat.unread}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}

function lastLine(chat: Chat): ChatMessage | undefined {
  const all = [...chat.transcript, ...chat.messages];
  for (let i = all.length - 1; i >= 0; i--) if (all[i].text && !all[i].system) return all[i];
  return undefined;
}

function preview(m: ChatMessage, you: string, meId: string | undefined): string {
  if (m.from !== 'agent') return m.text;
  const mine = !m.agentId || m.agentId === meId;
  return `${mine ? you : (m.agentName ?? you)}: ${m.text}`;
}

function EmptyIllustration() {
  return (
    <svg width="56" height="56" viewBox="0 0 56 56" aria-hidden="true">
      <rect x="6" y="10" width="36" height="26" rx="8" fill="#e8eefc" />
      <rect x="16" y="22" width="34" height="24" rx="8" fill="#d3defa" />
      <circle cx="26" cy="34" r="2.5" fill="#5b7be8" />
      <circle cx="33" cy="34" r="2.5" fill="#5b7be8" />
      <circle cx="40" cy="34" r="2.5" fill="#5b7be8" />
    </svg>
  );
}
