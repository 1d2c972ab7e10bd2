import { useCallback, useEffect, useRef, useState } from 'react';
import '../canned/context.css';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { canLiveChat } from '../app/permissions.ts';
import { ChatList } from '../components/ChatList.tsx';
import { ChatView } from '../components/ChatView.tsx';
import { ProfilePanel } from '../components/ProfilePanel.tsx';
import { VisitorContextSection } from '../components/VisitorContextSection.tsx';
import { useCannedReplies } from '../canned/useCannedReplies.ts';
import { TransferPanel, TransferPending } from '../routing/TransferPanel.tsx';
import { useT } from '../i18n/I18nProvider.tsx';
import type { LiveConnection } from '../live/LiveConnection.ts';
import type { LiveState } from '../live/types.ts';

/** The agent's desk: chats on the left, the open conversation in the middle, the visitor's profile on the right. */
export function InboxPage({ me, conn, live }: { me: User; conn: LiveConnection | undefined; live: LiveState }) {
  const t = useT();
  const labels = useAttributeLabels();
  const readSent = useRef(new Map<string, number>());
  const canned = useCannedReplies();
  // What the stream captured for the open chat (with the missing ones), once its context is loaded.
  const [captured, setCaptured] = useState<{ id: string; list: { attribute: string; value: string | null }[] }>();
  const onContext = useCallback(
    (id: string, list: { attribute: string; value: string | null }[]) => setCaptured({ id, list }),
    [],
  );
  const onRead = useCallback(
    (chatId: string, upTo: number) => {
      if ((readSent.current.get(chatId) ?? 0) >= upTo) return;
      readSent.current.set(chatId, upTo);
      conn?.markRead(chatId, upTo);
    },
    [conn],
  );

  if (!canLiveChat(me)) return <div className="empty-page">{t('notAgent')}</div>;
  if (!conn || (!live.ready && live.chats.length === 0)) {
    return <div className="empty-page">{live.connection === 'closed' ? t('connectionClosed') : t('connecting')}</div>;
  }
  const active = live.chats.find((c) => c.id === live.activeId);
  // The session's profile is refreshed when the agent edits it; the socket's hello is only as fresh as the connection.
  const meCard = { name: me.name, avatarUrl: me.avatarUrl };
  return (
    <div className="desk">
      <ChatList
        chats={live.chats}
        activeId={live.activeId}
        max={live.maxChats}
        status={live.status}
        meId={live.me?.id}
        onSelect={(id) => conn.dispatch({ type: 'select', chatId: id })}
      />
      {active ? (
        <>
          <ChatView
            chat={active}
            me={meCard}
            onSend={(text, { note }) => (note ? conn.sendNote(active.id, text) : conn.sendMessage(active.id, text))}
            canned={canned}
            onTyping={(on) => conn.typing(active.id, on)}
            onEnd={() => conn.end(active.id)}
            onClose={() => conn.dispatch({ type: 'closeChat', chatId: active.id })}
            onRead={(upTo) => onRead(active.id, upTo)}
            actions={
              <TransferPanel
                key={active.id}
                meId={live.me?.id}
                pendingTo={active.transferTo}
                onTransfer={(to, note) => conn.transfer(active.id, to, note)}
              />
            }
            banner={active.transferTo ? <TransferPending to={active.transferTo} /> : null}
          />
          <ProfilePanel
            visitor={active.visitor}
            labels={labels}
            captured={captured?.id === active.id ? captured.list : undefined}
          >
            <VisitorContextSection
              conversationId={active.id}
              version={JSON.stringify(active.visitor.attributes)}
              onLoaded={onContext}
            />
          </ProfilePanel>
        </>
      ) : (
        <div className="desk-empty">
          <div className="desk-empty-card">
            <strong>{live.chats.length ? t('pickChat') : t('waitingForChats')}</strong>
            <span className="muted">{t(live.status === 'online' ? 'noChatsOnline' : 'noChatsOffline')}</span>
          </div>
        </div>
      )}
    </div>
  );
}

/** Labels of the workspace's custom attributes, for the profile panel (fetched once; names are the fallback). */
function useAttributeLabels(): Record<string, string> {
  const [labels, setLabels] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    api
      .attributes()
      .then((a) => live && setLabels(Object.fromEntries(a.custom.map((c) => [c.name, c.label]))))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return labels;
}
