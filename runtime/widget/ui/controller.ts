import { repromptText } from '../../../shared/cards/reprompts.ts';
import { validateCapture } from '../../../shared/cards/validate.ts';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { VisitorServerMessage } from '../../../shared/protocol/visitor.ts';
import { currentPageContext } from '../../../shared/protocol/pageContext.ts';
import type { Kernel } from '../kernel.ts';
import {
  acknowledge,
  activeAsk,
  fromSnapshot,
  lastSeq,
  receive,
  revealNext,
  type AskItem,
  type Conversation,
  type Pending,
} from './conversation.ts';
import type { ViewStore } from './viewStore.ts';
import { isBotItem } from './items.ts';
import { VisitorSocket } from './visitorSocket.ts';

const TYPING_SEND_EVERY_MS = 2000;
const TYPING_IDLE_MS = 3000;
const AGENT_TYPING_CLEARS_MS = 5000;
const RETRY_SEND_MS = 1000;
/** The `note` key of a refused email or message after a fallback (not a card). */
export const MISSED_NOTE = '#missed';

/**
 * The conversation's logic between the socket, the view and the page: starts or resumes the conversation, keeps
 * the outbox until the server acknowledges it, paces the bot's entries with a typing delay, dispatches the page
 * callback events and remembers ids across page views. The Preact components only render the view and call these
 * actions.
 */
export function controller(k: Kernel, view: ViewStore) {
  let conv = view.get().conv;
  let welcomed = false;
  let startId: string | undefined;
  let pacing = false;
  let unread = 0;
  let typingSentAt = 0;
  let typingIdle: ReturnType<typeof setTimeout> | undefined;
  let agentTypingClear: ReturnType<typeof setTimeout> | undefined;
  let readSent = 0;
  /** The client id of a "talk to a person" request on its way (the `waiting` entry answers it). */
  let personId: string | undefined;
  /** The client id of the transcript asked for by email, until answered. */
  let mailId: string | undefined;

  const setConv = (c: Conversation) => {
    conv = c;
    view.set({ conv });
  };
  const send = (msg: Parameters<VisitorSocket['send']>[0]) => welcomed && socket.send(msg);
  const newId = () => crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

  const socket = new VisitorSocket(
    `${k.origin.replace(/^http/, 'ws')}/ws/visitor`,
    () => ({
      type: 'hello',
      v: 2,
      workspace: k.workspace,
      visitorToken: k.store.visitorToken(),
      // The loader's resume names a conversation this browser no longer keeps: one ended by a fallback whose box for
      // a message comes back until a message is left.
      conversationId: conv.id ?? k.store.conversationId() ?? k.resume?.conversationId,
      lastSeq: lastSeq(conv),
      url: location.href,
      page: currentPageContext(document, navigator),
    }),
    onMessage,
    (state) => {
      if (state !== 'open') welcomed = false;
      view.set({ socket: state });
    },
  );

  function onMessage(msg: VisitorServerMessage) {
    switch (msg.type) {
      case 'welcome':
        welcomed = true;
        k.store.setVisitorToken(msg.visitorToken);
        if (msg.conversation) {
          setConv(fromSnapshot(conv, msg.conversation));
          k.store.setConversation(msg.conversation.id);
          if (msg.conversation.status === 'ended') finish(msg.conversation.dialogueId, true);
        } else if (conv.id && conv.status !== 'ended') {
          // The server has nothing to resume: the conversation ended while this page was away.
          setConv({ ...conv, status: 'ended' });
          k.store.setConversation(undefined);
        }
        conv.outbox.forEach(resend);
        // A message left after the fallback and not yet answered goes again (the server stores it once).
        if (conv.missed?.pending) sendLeave(conv.missed.pending, conv.missed.email);
        maybeStart();
        markRead();
        return;
      case 'started':
        if (msg.id !== startId) return;
        k.store.setConversation(msg.conversationId);
        k.store.setLook(k.appearance);
        setConv({
          ...conv,
          id: msg.conversationId,
          dialogueId: msg.dialogueId,
          status: conv.status === 'new' ? 'bot' : conv.status,
          talkToPerson: !!msg.talkToPerson,
        });
        return;
      case 'ack':
        setConv(acknowledge(conv, msg.id, msg.seq, Date.now()));
        return;
      case 'typing':
        clearTimeout(agentTypingClear);
        view.set({ agentTyping: msg.on ? (msg.agent ?? conv.agent) : null });
        if (msg.on) agentTypingClear = setTimeout(() => view.set({ agentTyping: null }), AGENT_TYPING_CLEARS_MS);
        return;
      case 'receipt':
        setConv(
          msg.state === 'read'
            ? { ...conv, read: Math.max(conv.read, msg.upTo), delivered: Math.max(conv.delivered, msg.upTo) }
            : { ...conv, delivered: Math.max(conv.delivered, msg.upTo) },
        );
        return;
      case 'callback':
        k.emit(msg.name, { ...msg.data, dialogueId: msg.dialogueId, conversationId: msg.conversationId });
        return;
      case 'missed':
        // Again on every resume: what this page already holds (an email given, a message on its way) stays.
        if (msg.conversationId === conv.id && !conv.missed)
          setConv({ ...conv, missed: { needEmail: !msg.emailKnown, left: [] } });
        return;
      case 'messageLeft': {
        const m = conv.missed;
        if (m?.pending?.id === msg.id)
          setConv({ ...conv, missed: { ...m, left: [...m.left, m.pending.text], pending: undefined } });
        return;
      }
      case 'queue':
        if (msg.conversationId !== conv.id) return;
        setConv({
          ...conv,
          place: msg.position > 0 ? { position: msg.position, estimatedWaitSec: msg.estimatedWaitSec } : undefined,
        });
        return;
      case 'transcriptEmail':
        if (msg.id !== mailId) return;
        mailId = undefined;
        view.set({ mail: msg.sent ? { state: 'sent', to: msg.to } : { state: 'ask' } });
        return;
      case 'error':
        if (msg.id && msg.id === mailId) {
          // Refused (a bad email, too many, email off): say why; the visitor may give another address.
          mailId = undefined;
          view.set({ mail: { state: 'ask', error: msg.message } });
          return;
        }
        if (msg.code === 'unavailable' || msg.code === 'rate-limited') {
          // Not stored: the same id again a little later (the server never stores it twice).
          setTimeout(() => conv.outbox.filter((p) => p.clientId === msg.id).forEach(resend), RETRY_SEND_MS);
          const person = personId;
          if (msg.id && msg.id === person)
            setTimeout(() => personId === person && send({ type: 'talkToPerson', id: person }), RETRY_SEND_MS);
          return;
        }
        if (msg.id && msg.id === startId && (msg.code === 'not-found' || msg.code === 'not-allowed'))
          view.set({ socket: 'failed' });
        if (msg.id && conv.missed?.pending?.id === msg.id) {
          // The message was refused (e.g. the email): say why; the visitor may write it again.
          view.set({ note: { cardId: MISSED_NOTE, text: msg.message } });
          setConv({ ...conv, missed: { ...conv.missed, pending: undefined } });
          return;
        }
        if (msg.id && msg.id === personId) {
          // Refused (the bot no longer runs): the action goes away with the state that refused it.
          personId = undefined;
          view.set({ asking: false });
          return;
        }
        if (msg.id) setConv({ ...conv, outbox: conv.outbox.filter((p) => p.clientId !== msg.id) });
        return;
      default: {
        const item = msg as TranscriptItem;
        const known = conv.items.some((i) => i.seq === item.seq) || conv.queue.some((i) => i.seq === item.seq);
        setConv(receive(conv, item, true));
        // An entry shown at once (an agent's message with nothing queued before it) is revealed now: read while
        // the panel is open and visible, else counted unread. Queued entries are revealed by `pace`.
        if (!known && conv.items.some((i) => i.seq === item.seq)) revealed(item);
        pace();
      }
    }
  }

  function resend(p: Pending) {
    send(
      p.cardId
        ? {
            type: 'reply',
            id: p.clientId,
            cardId: p.cardId,
            answerId: p.answerId,
            text: p.answerId ? undefined : p.text,
          }
        : { type: 'message', id: p.clientId, text: p.text },
    );
  }

  /** Starts the page's dialogue once the visitor has opened the panel and there is nothing to resume. */
  function maybeStart() {
    if (!welcomed || !view.get().open || conv.id || conv.status !== 'new' || startId || !k.dialogue) return;
    startId = newId();
    send({ type: 'start', id: startId, dialogueId: k.dialogue.id, url: location.href });
  }

  /** Shows queued entries one by one, each after a short "typing…" pause for bot entries. */
  function pace() {
    if (pacing || conv.queue.length === 0) return;
    const next = conv.queue[0];
    const typed = isBotItem(next);
    pacing = true;
    view.set({ botTyping: typed });
    setTimeout(
      () => {
        pacing = false;
        setConv(revealNext(conv));
        view.set({ botTyping: false });
        revealed(next);
        pace();
      },
      typed ? typingDelay(next) : 0,
    );
  }

  function revealed(item: TranscriptItem) {
    if (personId && item.type !== 'visitor') {
      personId = undefined;
      view.set({ asking: false });
    }
    if (item.type === 'agent') {
      if (view.get().agentTyping) view.set({ agentTyping: null });
      if (view.get().open) markRead();
      else k.setUnread(++unread);
    }
    if (item.type === 'ended') finish(conv.dialogueId, item.reason !== 'abandoned');
  }

  function finish(dialogueId: string | undefined, done: boolean) {
    k.store.setConversation(undefined);
    if (done && dialogueId) k.store.markCompleted(dialogueId);
  }

  /** After a fallback: first the email (when none is known), then messages for the follow-up. */
  function leave(text: string): boolean {
    const m = conv.missed!;
    if (m.pending || !conv.id) return false;
    if (m.needEmail && !m.email) {
      const check = validateCapture({ attribute: 'email', input: 'text' }, text);
      if (!check.ok) {
        view.set({ note: { cardId: MISSED_NOTE, text: repromptText(check.reprompt, k.lang) } });
        return false;
      }
      view.set({ note: null });
      setConv({ ...conv, missed: { ...m, email: check.value } });
      return true;
    }
    const pending = { id: newId(), text };
    view.set({ note: null });
    setConv({ ...conv, missed: { ...m, pending } });
    sendLeave(pending, m.email);
    return true;
  }

  function sendLeave(p: { id: string; text: string }, email: string | undefined) {
    if (conv.id)
      send({ type: 'leaveMessage', id: p.id, conversationId: conv.id, text: p.text, ...(email ? { email } : {}) });
  }

  /** Agent messages count as read only while the panel is open and the page is visible (not a background tab). */
  function markRead() {
    if (!view.get().open || document.visibilityState === 'hidden') return;
    const upTo = Math.max(0, ...conv.items.filter((i) => i.type === 'agent').map((i) => i.seq));
    if (upTo > readSent && send({ type: 'read', upTo })) readSent = upTo;
  }
  // Coming back to the tab with the panel open reads what arrived meanwhile.
  document.addEventListener('visibilitychange', markRead);

  return {
    open() {
      if (view.get().open) return;
      view.set({ open: true });
      k.setOpen(true);
      k.store.setOpen(true);
      k.setUnread((unread = 0));
      if (view.get().socket === 'idle') socket.connect();
      maybeStart();
      markRead();
    },
    close() {
      if (!view.get().open) return;
      view.set({ open: false });
      k.setOpen(false);
      k.store.setOpen(false);
      const { id, dialogueId, status } = conv;
      if (id && dialogueId && status !== 'ended' && k.emit('closed', { dialogueId, conversationId: id })) {
        send({ type: 'track', name: 'closed', dialogueId });
      }
      k.launcher.focus();
    },
    /** Connects without opening (a conversation resumed with the panel closed still counts unread messages). */
    connect: () => socket.connect(),
    answer(ask: AskItem, answerId: string, label: string) {
      if (activeAsk(conv) !== ask) return;
      const clientId = newId();
      view.set({ note: null });
      setConv({ ...conv, outbox: [...conv.outbox, { clientId, text: label, cardId: ask.cardId, answerId }] });
      send({ type: 'reply', id: clientId, cardId: ask.cardId, answerId });
    },
    /** The composer's text: a capture reply, a live-chat message, or an answer typed as its label. False: keep it. */
    submit(raw: string): boolean {
      const text = raw.trim();
      if (!text) return false;
      const ask = activeAsk(conv);
      if (ask?.kind === 'question') {
        const answer = ask.answers.find((a) => a.label.trim().toLowerCase() === text.toLowerCase());
        if (answer) this.answer(ask, answer.id, answer.label);
        // A question that takes free text sends what was typed (the server takes its `other` port).
        if (answer || !ask.freeText) return !!answer;
      }
      if (ask?.kind === 'capture') {
        const check = validateCapture(ask, text);
        if (!check.ok) {
          view.set({ note: { cardId: ask.cardId, text: repromptText(check.reprompt, k.lang) } });
          return false;
        }
      } else if (ask) {
        // A free-text question: the typed reply goes as it is.
      } else if (conv.status === 'ended' && conv.missed) return leave(text);
      else if (conv.status !== 'waiting' && conv.status !== 'live') return false;
      const clientId = newId();
      view.set({ note: null });
      setConv({ ...conv, outbox: [...conv.outbox, { clientId, text, cardId: ask?.cardId }] });
      send(ask ? { type: 'reply', id: clientId, cardId: ask.cardId, text } : { type: 'message', id: clientId, text });
      if (!ask) this.typing(false);
      return true;
    },
    /** The visitor typed (live chat only): `typing on` at most every 2 s, `off` after 3 s without keys. */
    typing(on = true) {
      if (conv.status !== 'live' && conv.status !== 'waiting') return;
      clearTimeout(typingIdle);
      const now = Date.now();
      if (!on) {
        if (typingSentAt) send({ type: 'typing', on: false });
        typingSentAt = 0;
        return;
      }
      if (now - typingSentAt > TYPING_SEND_EVERY_MS) {
        send({ type: 'typing', on: true });
        typingSentAt = now;
      }
      typingIdle = setTimeout(() => this.typing(false), TYPING_IDLE_MS);
    },
    endChat() {
      send({ type: 'end' });
    },
    /**
     * The header's "Email me the transcript": asks the server, which sends it to the email it knows or answers that
     * it needs one (then the panel asks, and this is called again with the address typed, checked here first).
     */
    emailTranscript(email?: string) {
      if (!conv.id || mailId) return;
      const typed = email?.trim();
      if (typed !== undefined) {
        const check = validateCapture({ attribute: 'email', input: 'text' }, typed);
        if (!check.ok) return view.set({ mail: { state: 'ask', error: repromptText(check.reprompt, k.lang) } });
      }
      mailId = newId();
      view.set({ mail: { state: 'sending' } });
      const sent = send({
        type: 'emailTranscript',
        id: mailId,
        conversationId: conv.id,
        ...(typed ? { email: typed } : {}),
      });
      if (!sent) {
        mailId = undefined;
        view.set({ mail: undefined });
      }
    },
    /** Closes the transcript strip. */
    dismissMail() {
      mailId = undefined;
      view.set({ mail: undefined });
    },
    /** The header's "Talk to a person": the bot hands over to the stream's live-chat card at once. */
    talkToPerson() {
      if (conv.status !== 'bot' || !conv.talkToPerson || personId) return;
      personId = newId();
      view.set({ note: null, asking: true });
      if (!send({ type: 'talkToPerson', id: personId })) {
        personId = undefined;
        view.set({ asking: false });
      }
    },
  };
}

export type Controller = ReturnType<typeof controller>;

/** How long the bot "types" an entry: longer texts take a little longer, never more than about 1.5 s. */
function typingDelay(item: TranscriptItem): number {
  const text = item.type === 'bot' || item.type === 'fallback' ? item.text : item.type === 'ask' ? item.prompt : '';
  return 450 + Math.min(1000, text.length * 12);
}
