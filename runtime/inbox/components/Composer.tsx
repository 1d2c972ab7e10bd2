import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CannedReplyView } from '../../../shared/api/cannedReplies.ts';
import { renderReplyTokens } from '../../../shared/engine/tokens.ts';
import { MAX_NOTE, MAX_TEXT } from '../../../shared/protocol/common.ts';
import { CannedMenu } from '../canned/CannedMenu.tsx';
import { matchReplies, slashQuery } from '../canned/matchReplies.ts';
import { useT } from '../i18n/I18nProvider.tsx';

const TYPING_REPEAT_MS = 2000;
const TYPING_IDLE_MS = 3000;

/**
 * The agent's text box. Enter sends, Shift+Enter adds a line, and Enter while an IME is composing (Korean,
 * Japanese) finishes the composition instead of sending half a word. Typing is announced at most every 2 s and
 * withdrawn after 3 s of quiet, as the protocol asks. `/` opens the canned replies: the text after it searches
 * them, ↑/↓ pick, Enter or Tab inserts the reply with its tokens filled from the visitor's `attributes`.
 */
export function Composer({
  onSend,
  onTyping,
  disabled,
  placeholder,
  canned = [],
  attributes = {},
}: {
  onSend(text: string, opts: { note: boolean }): void;
  onTyping(on: boolean): void;
  disabled?: boolean;
  placeholder: string;
  canned?: readonly CannedReplyView[];
  attributes?: Readonly<Record<string, string>>;
}) {
  const t = useT();
  const [text, setText] = useState('');
  // An internal note is for agents only: the visitor is not even told that someone types.
  const [note, setNote] = useState(false);
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typingOn = useRef(false);
  const box = useRef<HTMLTextAreaElement>(null);
  // The `/query` at the caret, and the highlighted reply of the menu it opens.
  const [slash, setSlash] = useState<{ start: number; query: string; caret: number } | undefined>();
  const [picked, setPicked] = useState(0);
  const caretAfter = useRef<number | undefined>(undefined);
  const matches = slash && canned.length ? matchReplies(canned, slash.query) : [];
  const menuOpen = !!slash && canned.length > 0 && !disabled;
  useEffect(() => {
    if (caretAfter.current === undefined || !box.current) return;
    box.current.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = undefined;
  });

  const stopTyping = () => {
    clearTimeout(idle.current);
    if (typingOn.current) {
      typingOn.current = false;
      lastSent.current = 0;
      onTyping(false);
    }
  };
  useEffect(() => () => clearTimeout(idle.current), []);

  const findSlash = (value: string, caret: number) => {
    const q = slashQuery(value, caret);
    setSlash(q && { ...q, caret });
    if (q?.query !== slash?.query) setPicked(0);
  };

  const insert = (reply: CannedReplyView) => {
    if (!slash) return;
    const filled = renderReplyTokens(reply.body, attributes);
    const value = (text.slice(0, slash.start) + filled + text.slice(slash.caret)).slice(0, note ? MAX_NOTE : MAX_TEXT);
    caretAfter.current = Math.min(slash.start + filled.length, value.length);
    setSlash(undefined);
    changed(value);
    box.current?.focus();
  };

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
    setSlash(undefined);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (menuOpen && !e.nativeEvent.isComposing) {
      const n = matches.length;
      if (e.key === 'Escape') return (e.preventDefault(), setSlash(undefined));
      if (n && e.key === 'ArrowDown') return (e.preventDefault(), setPicked((picked + 1) % n));
      if (n && e.key === 'ArrowUp') return (e.preventDefault(), setPicked((picked - 1 + n) % n));
      if (n && (e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey) {
        e.preventDefault();
        return insert(matches[Math.min(picked, n - 1)]);
      }
    }
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
      {menuOpen ? (
        <CannedMenu matches={matches} query={slash.query} picked={picked} onPick={insert} onHover={setPicked} />
      ) : null}
      <textarea
        ref={box}
        data-tributary="composer"
        value={text}
        rows={2}
        maxLength={note ? MAX_NOTE : MAX_TEXT}
        placeholder={note && !disabled ? t('notePlaceholder') : placeholder}
        disabled={disabled}
        onChange={(e) => (changed(e.target.value), findSlash(e.target.value, e.target.selectionStart))}
        onSelect={(e) => findSlash(e.currentTarget.value, e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => (stopTyping(), setSlash(undefined))}
        aria-autocomplete="list"
        aria-expanded={menuOpen}
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
