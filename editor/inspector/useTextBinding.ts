import { useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import type { DataPath } from '../../shared/stream/ydoc.ts';
import { bindTextInput, type TextInput, type TextSelection } from '../collab/bindTextInput.ts';
import { CardFieldContext } from './CardFieldContext.ts';

/** What a text input of the inspector publishes in the awareness while it has the focus. */
export interface FieldPresence {
  card: string;
  path: (string | number)[];
  anchor: unknown;
  head: unknown;
}

/**
 * Binds the inspector's text input for `path` of the current card to its Y.Text in the draft (bindTextInput), and
 * publishes this user's caret there in the awareness (`field`). Answers the ref callback for the input and whether
 * it is bound: while bound, the input is uncontrolled (the binding owns its value); while the card has no such text
 * yet (an optional field never filled), the caller's controlled `value`/`onChange` are in charge, and the first
 * edit creates the text.
 */
export function useTextBinding(
  path: DataPath | undefined,
  onEmptied?: () => void,
): {
  ref: (el: TextInput | null) => void;
  bound: boolean;
  text?: Y.Text;
} {
  const ctx = useContext(CardFieldContext);
  const key = path ? JSON.stringify(path) : '';
  const binding = ctx?.session.binding;
  // Re-resolved whenever the card changes: a colleague's whole-card replacement (or an undo) makes a new Y.Text.
  const text = useSyncExternalStore(binding?.store.subscribe ?? noSubscribe, () =>
    binding && ctx && path ? binding.text(ctx.cardId, path) : undefined,
  );
  const [el, setEl] = useState<TextInput | null>(null);
  // The latest callback, without rebinding on every render.
  const emptied = useRef(onEmptied);
  emptied.current = onEmptied;
  useEffect(() => {
    if (!el || !text || !binding || !ctx || ctx.readOnly) return;
    const awareness = ctx.session.awareness;
    return bindTextInput(el, text, {
      edit: (fn) => binding.editText(fn),
      undo: () => binding.undo(),
      redo: () => binding.redo(),
      checkpoint: () => binding.checkpoint(),
      onEmptied: onEmptied && (() => emptied.current?.()),
      onSelection: awareness
        ? (sel: TextSelection | null) =>
            awareness.setLocalStateField(
              'field',
              sel
                ? ({
                    card: ctx.cardId,
                    path: JSON.parse(key),
                    anchor: Y.relativePositionToJSON(sel.anchor),
                    head: Y.relativePositionToJSON(sel.head),
                  } satisfies FieldPresence)
                : null,
            )
        : undefined,
    });
    // `key` stands for `path` (a new array each render).
  }, [el, text, binding, ctx, key]);
  const ref = useCallback((node: TextInput | null) => setEl(node), []);
  return { ref, bound: !!text && !!ctx && !ctx.readOnly, text };
}

const noSubscribe = () => () => {};
