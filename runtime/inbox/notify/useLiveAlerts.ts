import { useEffect, useRef } from 'react';
import type { Translate } from '../i18n/I18nProvider.tsx';
import type { LiveConnection } from '../live/LiveConnection.ts';
import { displayName } from '../live/reducer.ts';
import { beep } from './beep.ts';
import { pageIsHidden, showNotification } from './browserNotify.ts';

/**
 * Sound and system notifications for live chat: every new offer rings and, when the agent is not looking at the
 * inbox, raises a notification whose click brings the offer forward; a visitor message in a chat the agent is
 * not looking at raises one too. The tab title counts what waits.
 */
export function useLiveAlerts(
  conn: LiveConnection | undefined,
  t: Translate,
  focusOffer: (id: string) => void,
  focusChat: (id: string) => void,
): void {
  const handlers = useRef({ t, focusOffer, focusChat });
  handlers.current = { t, focusOffer, focusChat };

  useEffect(() => {
    if (!conn) return;
    const off = conn.onEvent((ev, state) => {
      const { t, focusOffer, focusChat } = handlers.current;
      if (ev.type === 'offer') {
        beep();
        if (pageIsHidden()) {
          const name = displayName(ev.offer.visitor);
          showNotification(t('notificationTitle'), t('notificationBody', { name }), `offer:${ev.offer.id}`, () =>
            focusOffer(ev.offer.id),
          );
        }
      } else if (ev.type === 'message' && ev.message.from === 'visitor') {
        const chat = state.chats.find((c) => c.id === ev.chatId);
        if (chat && pageIsHidden()) {
          const name = displayName(chat.visitor);
          showNotification(t('notificationMessage', { name }), ev.message.text, `chat:${chat.id}`, () =>
            focusChat(chat.id),
          );
        }
      }
      const waiting = state.offers.length + state.chats.reduce((n, c) => n + c.unread, 0);
      document.title = waiting > 0 ? `(${waiting}) ${t('inboxTitle')} · Tributary` : `${t('inboxTitle')} · Tributary`;
    });
    return off;
  }, [conn]);
}
