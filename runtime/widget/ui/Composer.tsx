/** @jsxImportSource preact */
import { useEffect, useRef, useState } from 'preact/hooks';
import { activeAsk } from './conversation.ts';
import type { Controller } from './controller.ts';
import { Icon } from './icons.tsx';
import type { Strings } from './strings.ts';
import type { View } from './viewStore.ts';

const INPUT_MODE: Record<string, { inputMode: 'email' | 'tel' | 'text'; autoComplete: string }> = {
  email: { inputMode: 'email', autoComplete: 'email' },
  phone: { inputMode: 'tel', autoComplete: 'tel' },
  firstName: { inputMode: 'text', autoComplete: 'given-name' },
  lastName: { inputMode: 'text', autoComplete: 'family-name' },
  company: { inputMode: 'text', autoComplete: 'organization' },
  jobTitle: { inputMode: 'text', autoComplete: 'organization-title' },
};

/**
 * The text box (`data-tributary="input"`; Enter sends): open for a capture, a question that takes free text and
 * live chat, otherwise disabled
 * with a hint (answer above, the conversation ended). A refused capture reply stays in the box to be corrected.
 */
export function Composer({ v, t, ctl }: { v: View; t: Strings; ctl: Controller }) {
  const [text, setText] = useState('');
  const ref = useRef<HTMLInputElement>(null);
  const { conv } = v;
  const ask = activeAsk(conv);
  const capture = ask?.kind === 'capture' ? ask : undefined;
  // A question that takes free text keeps the box open beside its buttons.
  const typed = ask?.kind === 'question' && !!ask.freeText;
  const chatting = conv.status === 'waiting' || conv.status === 'live';
  // After a fallback the box stays open for a message (an email first when none is known).
  const missed = conv.status === 'ended' ? conv.missed : undefined;
  const askEmail = !!missed?.needEmail && !missed.email;
  const enabled = !!capture || typed || (chatting && !ask) || (!!missed && !missed.pending);
  const placeholder = capture
    ? capture.placeholder || t.placeholder
    : typed
      ? t.chooseOrType
      : ask
        ? t.chooseAbove
        : missed
          ? askEmail
            ? t.missedEmailPlaceholder
            : t.missedPlaceholder
          : conv.status === 'ended'
            ? t.ended
            : t.placeholder;
  const mode = capture ? INPUT_MODE[capture.attribute] : askEmail ? INPUT_MODE.email : undefined;
  const listId = capture?.input === 'picklist' ? `tb-options-${capture.seq}` : undefined;

  // A new capture takes the focus, so that the visitor can type straight away.
  useEffect(() => {
    if (capture && v.open) ref.current?.focus();
  }, [capture?.seq, v.open]);
  useEffect(() => {
    if (missed && v.open) ref.current?.focus();
  }, [!!missed, askEmail, v.open]);

  const send = (e: Event) => {
    e.preventDefault();
    if (enabled && ctl.submit(text)) setText('');
    else ref.current?.select();
  };

  return (
    <form class="compose" onSubmit={send} noValidate>
      <input
        ref={ref}
        data-tributary="input"
        type="text"
        value={text}
        disabled={!enabled}
        placeholder={placeholder}
        aria-label={capture ? capture.prompt : placeholder}
        aria-invalid={v.note && v.note.cardId === capture?.cardId ? 'true' : undefined}
        inputMode={mode?.inputMode}
        autoComplete={mode?.autoComplete ?? 'off'}
        list={listId}
        maxLength={4000}
        onInput={(e) => {
          setText(e.currentTarget.value);
          if (chatting) ctl.typing();
        }}
      />
      {listId && (
        <datalist id={listId}>
          {capture?.options?.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      )}
      <button type="submit" class="send" aria-label={t.send} title={t.send} disabled={!enabled || !text.trim()}>
        <Icon name="send" />
      </button>
    </form>
  );
}
