/** @jsxImportSource preact */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { Avatar } from './Avatar.tsx';
import { activeAsk } from './conversation.ts';
import { MISSED_NOTE, type Controller } from './controller.ts';
import type { Conversation } from './conversation.ts';
import { Bot, Entry, Me } from './Entry.tsx';
import type { Strings } from './strings.ts';
import type { View } from './viewStore.ts';

/** Up to this many picklist options also show as buttons; longer lists are typed (with suggestions). */
const PICKLIST_BUTTONS = 8;

/**
 * The conversation log: an ARIA live region (`role="log"`) so that screen readers read each new entry, the answer
 * buttons of the waiting question, what the visitor sent that is still on its way, and the typing indicators.
 */
export function Transcript({ v, t, ctl, origin }: { v: View; t: Strings; ctl: Controller; origin: string }) {
  const { conv } = v;
  const ref = useRef<HTMLDivElement>(null);
  const ask = activeAsk(conv);
  const lastMine = [...conv.items].reverse().find((i) => i.type === 'visitor');
  const choices =
    ask?.kind === 'question'
      ? ask.answers
      : ask?.input === 'picklist' && (ask.options?.length ?? 0) <= PICKLIST_BUTTONS
        ? (ask.options ?? []).map((o) => ({ id: '', label: o }))
        : [];

  // Keep the newest entry in view.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  });

  return (
    <div class="log" ref={ref} role="log" aria-live="polite" aria-label={t.transcript} tabIndex={-1}>
      {conv.items.map((item, i) => (
        <Entry
          key={item.seq}
          item={item}
          prev={conv.items[i - 1]}
          next={conv.items[i + 1] ?? conv.queue[0]}
          conv={conv}
          t={t}
          origin={origin}
          showState={item === lastMine && !item.cardId && (conv.status === 'live' || conv.status === 'waiting')}
        />
      ))}
      {ask && choices.length > 0 && (
        <div class="answers">
          {choices.map((a) => (
            <button
              type="button"
              class="answer"
              data-tributary="answer"
              key={a.label}
              onClick={() => (a.id ? ctl.answer(ask, a.id, a.label) : ctl.submit(a.label))}
            >
              {a.label}
            </button>
          ))}
        </div>
      )}
      {conv.outbox.map((p) => (
        <Me key={p.clientId} pending meta={p.cardId ? undefined : t.sending}>
          {p.text}
        </Me>
      ))}
      {conv.status === 'ended' && conv.missed && <Missed m={conv.missed} t={t} />}
      {v.note && ask?.cardId === v.note.cardId && <Bot warn>{v.note.text}</Bot>}
      {v.note?.cardId === MISSED_NOTE && conv.missed && <Bot warn>{v.note.text}</Bot>}
      {(v.botTyping || v.agentTyping) && (
        <div class="row" aria-label={v.agentTyping ? t.typing(v.agentTyping.name) : t.botTyping}>
          {v.agentTyping ? <Avatar agent={v.agentTyping} origin={origin} small /> : <span class="gap" />}
          <div class="bubble typing">
            <span class="dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
          </div>
        </div>
      )}
    </div>
  );
}

/** After a fallback: the email question (when none is known), what the visitor left, and a thank-you. */
function Missed({ m, t }: { m: NonNullable<Conversation['missed']>; t: Strings }) {
  return (
    <div data-tributary="missed-message">
      {m.needEmail && <Bot>{t.missedEmail}</Bot>}
      {m.email && <Me>{m.email}</Me>}
      {m.left.map((text, i) => (
        <Me key={i} meta={t.sent}>
          {text}
        </Me>
      ))}
      {m.pending && (
        <Me pending meta={t.sending}>
          {m.pending.text}
        </Me>
      )}
      {m.left.length > 0 && <Bot>{t.missedThanks}</Bot>}
    </div>
  );
}
