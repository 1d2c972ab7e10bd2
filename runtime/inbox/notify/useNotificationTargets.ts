import { useEffect, useRef, useState } from 'react';
import type { LiveState } from '../live/types.ts';
import { onNotificationOpen } from './webPush.ts';

/**
 * Where a notification click leads: the service worker opens `/inbox?offer=…` or `/inbox?chat=…` when no inbox
 * page is open, or tells an open one (`onNotificationOpen`). The offer's Accept gets keyboard focus; the chat
 * opens once the connection's state holds it. The query is dropped from the address afterwards.
 */
export function useNotificationTargets(
  live: LiveState,
  focusOffer: (id: string) => void,
  focusChat: (id: string) => void,
): void {
  const pendingChat = useRef<string | undefined>(undefined);
  // A click while the page is open: render again so that the chat is looked for now.
  const [, setClicks] = useState(0);
  const handlers = useRef({ focusOffer, focusChat });
  handlers.current = { focusOffer, focusChat };

  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    const offer = q.get('offer');
    const chat = q.get('chat');
    if (offer) handlers.current.focusOffer(offer);
    if (chat) pendingChat.current = chat;
    if (offer || chat) history.replaceState(history.state, '', window.location.pathname);
    return onNotificationOpen((kind, id) => {
      if (kind === 'offer') handlers.current.focusOffer(id);
      else pendingChat.current = id;
      setClicks((n) => n + 1);
      window.focus();
    });
  }, []);

  useEffect(() => {
    const id = pendingChat.current;
    if (id && live.chats.some((c) => c.id === id)) {
      pendingChat.current = undefined;
      handlers.current.focusChat(id);
    }
  });
}
