import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_NOTE, MAX_TEXT } from '../../../shared/protocol/common.ts';
import { useT } from '../i18n/I18nProvider.tsx';

const TYPING_REPEAT_MS = 2000;
const TYPING_IDLE_MS = 3000;

/**
 * The agent's text box. Enter sends, Shift+Enter adds a line, and Enter while an IME is composing (Korean,
 * Japanese) finishes the composition instead of sending half a word. Typing is announced at most every 2 s and
 * withdrawn after 3 s of quiet, as the protocol asks.
 */
export function Composer({
  onSend,
  onTyping,
  disabled,
  placeholder,
}: {
  onSend(text: string, opts: { note: boolean }): void;
  onTyping(on: boolean): void;
  disabled?: boolean;
  placeholder: string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  // An internal note is for agents only: the visitor is not even told that someone types.
  const [note, setNote] = useState(false);
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typingOn = useRef(false);

  const stopTyping = () => {
    clearTimeout(idle.current);
    if (typingOn.current) {
      typingOn.current = false;
      lastSent.current = 0;
      onTyping(false);
    }
  };
  useEffect(() => () => clearTimeout(idle.current), []);

  const changed = (value: string) => {
    setText(value);
    if (!value.trim() || note) return stopTyping();
    const now = Date.now();
    if (!typingOn.current || now - lastSent.current >= TYPING_REPEAT_MS) {
      typingOn.current = true;
      lastSent.current = now;
      onTyping(true);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const send = () => {
    const value = text.trim();
    if (!value || disabled) return;
    stopTyping();
    onSend(value.slice(0, note ? MAX_NOTE : MAX_TEXT), { note });
    setText('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      className={note ? 'composer composer-note' : 'composer'}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        data-tributary="composer"
        value={text}
        rows={2}
        maxLength={note ? MAX_NOTE : MAX_TEXT}
        placeholder={note && !disabled ? t('notePlaceholder') : placeholder}
        disabled={disabled}
        onChange={(e) => changed(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
        aria-label={placeholder}
      />
      <button
        type="button"
        className={note ? 'btn btn-note active' : 'btn btn-note'}
        aria-pressed={note}
        disabled={disabled}
        onClick={() => (stopTyping(), setNote(!note))}
        title={t('noteHelp')}
        data-tributary="note"
      >
        {t('note')}
      </button>
      <button type="submit" className="btn btn-primary" disabled={disabled || !text.trim()}>
        {t('send')}
      </button>
    </form>
  );
}
