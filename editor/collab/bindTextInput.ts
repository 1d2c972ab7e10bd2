import * as Y from 'yjs';
import { textDiff as diff } from '../../shared/stream/textDiff.ts';

export type TextInput = HTMLInputElement | HTMLTextAreaElement;

/** Where this user's caret and selection are in a text, as relative positions (they survive others' edits). */
export interface TextSelection {
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
}

export interface TextBindingOptions {
  /** Runs `fn` as a local edit of the draft (this editor's origin: one undo step group, copied to the store). */
  edit(fn: () => void): void;
  undo(): void;
  redo(): void;
  /** Starts a new undo step (the caret moved elsewhere: typing there is another step). */
  checkpoint(): void;
  /** The user emptied the input: the caller decides what an empty text means (an optional field is removed).
   * Without it, the text is simply emptied. */
  onEmptied?(): void;
  /** This user's selection in the text changed (null: the input lost focus). For the awareness. */
  onSelection?(selection: TextSelection | null): void;
}

/**
 * Binds a text input to a Y.Text the way the editor bindings of Yjs do (y-codemirror, y-prosemirror):
 *  - local input becomes the smallest delta (one delete and one insert between the common prefix and suffix),
 *    placed by the caret where the text repeats a letter, so that a letter typed before a colleague's equal letter
 *    is this user's own;
 *  - a colleague's change is applied to the input with this user's caret and selection kept through relative
 *    positions, the caret sticking to the character before it, so that two people typing at the same place each
 *    keep their words whole;
 *  - during IME composition the input is left alone (the composition is the browser's); colleagues' changes that
 *    arrive meanwhile are applied when it ends, the composed text landing where it was typed;
 *  - undo and redo inside the input are the per-user Y.UndoManager's, never the browser's own (which would undo
 *    colleagues' text).
 * Returns the function that unbinds.
 */
export function bindTextInput(el: TextInput, text: Y.Text, options: TextBindingOptions): () => void {
  const doc = text.doc!;
  let value = text.toString();
  if (el.value !== value) el.value = value;
  let selection: TextSelection | null = null;
  /** Set while this input's own edit is written: that change is already in the input. Any other change (a
   * colleague's, this user's undo, a token inserted by the picker) is applied to the input. */
  let writing = false;
  let composing = false;
  /** Colleagues' deltas that arrived during a composition, in order. */
  let missed: Y.YTextEvent['delta'][] = [];
  let composeBase = '';

  const focused = () => el.ownerDocument.activeElement === el;

  const saveSelection = () => {
    if (!focused()) return;
    const start = el.selectionStart ?? value.length;
    const end = el.selectionEnd ?? start;
    const backward = el.selectionDirection === 'backward';
    // A caret sticks to the character before it (assoc -1): a colleague typing at the same place goes after it
    // only if they came first, never between this user's characters. A selection's ends stick inwards.
    const collapsed = start === end;
    const s = Y.createRelativePositionFromTypeIndex(text, start, collapsed ? -1 : 0);
    const e = collapsed ? s : Y.createRelativePositionFromTypeIndex(text, end, -1);
    selection = backward ? { anchor: e, head: s } : { anchor: s, head: e };
    options.onSelection?.(selection);
  };

  const restoreSelection = () => {
    if (!selection || !focused()) return;
    const a = Y.createAbsolutePositionFromRelativePosition(selection.anchor, doc)?.index ?? value.length;
    const h = Y.createAbsolutePositionFromRelativePosition(selection.head, doc)?.index ?? value.length;
    el.setSelectionRange(Math.min(a, h), Math.max(a, h), a > h ? 'backward' : 'forward');
  };

  /** Writes what the user changed in the input since `base` into the Y.Text. */
  const commitLocal = (base: string, deltas: Y.YTextEvent['delta'][]) => {
    const next = el.value;
    // The caret tells where the edit is when the text around it repeats a letter (see textDiff).
    const caret = focused() && el.selectionStart === el.selectionEnd ? (el.selectionEnd ?? undefined) : undefined;
    const { index, remove, insert } = diff(base, next, caret);
    if (remove === 0 && !insert) return;
    if (next === '' && options.onEmptied && !deltas.length) {
      value = next;
      options.onEmptied();
      return;
    }
    let at = index;
    for (const d of deltas) at = transformIndex(at, d);
    writing = true;
    try {
      options.edit(() => {
        const len = text.length;
        const from = Math.min(at, len);
        if (remove > 0) text.delete(from, Math.min(remove, len - from));
        if (insert) text.insert(from, insert);
      });
    } finally {
      writing = false;
    }
    if (deltas.length) {
      // Colleagues typed meanwhile: the input shows the merged text, caret after what this user typed.
      value = text.toString();
      el.value = value;
      const end = Math.min(at + insert.length, value.length);
      el.setSelectionRange(end, end);
    } else value = next;
    saveSelection();
  };

  const onInput = (e: Event) => {
    if (composing || (e as InputEvent).isComposing) return;
    commitLocal(value, []);
  };
  const onCompositionStart = () => {
    composing = true;
    composeBase = value;
    missed = [];
  };
  const onCompositionEnd = () => {
    composing = false;
    const deltas = missed;
    missed = [];
    commitLocal(composeBase, deltas);
    if (deltas.length && el.value !== text.toString()) {
      // Nothing composed, but colleagues typed meanwhile.
      value = text.toString();
      el.value = value;
      restoreSelection();
    }
  };
  const onKeyDown = (event: Event) => {
    const e = event as KeyboardEvent;
    const mod = e.ctrlKey || e.metaKey;
    if (!mod || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'z' || key === 'y') {
      e.preventDefault();
      if (key === 'y' || e.shiftKey) options.redo();
      else options.undo();
    }
  };
  const onBeforeInput = (e: Event) => {
    const type = (e as InputEvent).inputType;
    if (type === 'historyUndo' || type === 'historyRedo') {
      e.preventDefault();
      if (type === 'historyUndo') options.undo();
      else options.redo();
    }
  };
  const onPointer = () => {
    options.checkpoint();
    queueMicrotask(saveSelection);
  };
  const onSelectionChange = () => {
    if (!composing) saveSelection();
  };
  const onBlur = () => {
    options.checkpoint();
    options.onSelection?.(null);
  };

  const observer = (event: Y.YTextEvent) => {
    if (writing) return;
    if (composing) {
      missed.push(event.delta);
      return;
    }
    value = text.toString();
    if (el.value !== value) {
      el.value = value;
      restoreSelection();
    }
  };

  text.observe(observer);
  el.addEventListener('input', onInput);
  // Some input methods and scripted fills send only `change`; it is a no-op after `input` handled the edit.
  el.addEventListener('change', onInput);
  el.addEventListener('compositionstart', onCompositionStart);
  el.addEventListener('compositionend', onCompositionEnd);
  el.addEventListener('keydown', onKeyDown);
  el.addEventListener('beforeinput', onBeforeInput);
  el.addEventListener('mousedown', onPointer);
  el.addEventListener('focus', onSelectionChange);
  el.addEventListener('select', onSelectionChange);
  el.addEventListener('keyup', onSelectionChange);
  el.addEventListener('mouseup', onSelectionChange);
  el.addEventListener('blur', onBlur);
  el.ownerDocument.addEventListener('selectionchange', onSelectionChange);
  return () => {
    text.unobserve(observer);
    el.removeEventListener('input', onInput);
    el.removeEventListener('change', onInput);
    el.removeEventListener('compositionstart', onCompositionStart);
    el.removeEventListener('compositionend', onCompositionEnd);
    el.removeEventListener('keydown', onKeyDown);
    el.removeEventListener('beforeinput', onBeforeInput);
    el.removeEventListener('mousedown', onPointer);
    el.removeEventListener('focus', onSelectionChange);
    el.removeEventListener('select', onSelectionChange);
    el.removeEventListener('keyup', onSelectionChange);
    el.removeEventListener('mouseup', onSelectionChange);
    el.removeEventListener('blur', onBlur);
    el.ownerDocument.removeEventListener('selectionchange', onSelectionChange);
    if (focused()) options.onSelection?.(null);
  };
}

/** Where an index of the text before a delta is after it (an insertion at the index goes before it). */
export function transformIndex(index: number, delta: Y.YTextEvent['delta']): number {
  let pos = 0;
  let out = index;
  for (const op of delta) {
    if (pos > index) break;
    if (op.retain !== undefined) pos += op.retain;
    else if (op.insert !== undefined) out += typeof op.insert === 'string' ? op.insert.length : 1;
    else if (op.delete !== undefined) {
      out -= Math.min(op.delete, index - pos);
      pos += op.delete;
    }
  }
  return Math.max(0, out);
}
