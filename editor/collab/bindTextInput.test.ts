import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindTextInput } from './bindTextInput.ts';

/** Two people's docs wired together, each with its text bound to an input of its own. */
function pair(initial: string) {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(b, u, 'net'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(a, u, 'net'));
  a.getText('t').insert(0, initial);
  // Each person has a page of their own (a focused input in each).
  const input = (doc: Y.Doc) => {
    const page = new Window().document;
    const el = page.createElement('input') as unknown as HTMLInputElement;
    page.body.append(el as never);
    const text = doc.getText('t');
    bindTextInput(el, text, {
      edit: (fn) => doc.transact(fn),
      undo() {},
      redo() {},
      checkpoint() {},
    });
    return { el, text };
  };
  return { a: input(a), b: input(b) };
}

/** Types one letter at the caret the way a browser does: the value changes, the caret moves, `input` fires. */
function type(el: HTMLInputElement, letter: string) {
  el.focus();
  const at = el.selectionStart ?? el.value.length;
  el.value = el.value.slice(0, at) + letter + el.value.slice(el.selectionEnd ?? at);
  el.setSelectionRange(at + 1, at + 1);
  el.dispatchEvent(new (el.ownerDocument.defaultView as unknown as typeof globalThis).Event('input'));
}

describe('bindTextInput', () => {
  it('keeps each person’s words whole when both type at the same place and one types an equal letter', () => {
    const { a, b } = pair('W');
    for (const { el } of [a, b]) {
      el.focus();
      el.setSelectionRange(1, 1);
      el.dispatchEvent(new (el.ownerDocument.defaultView as unknown as typeof globalThis).Event('select'));
    }
    // A types a space; it arrives at B's caret, which stays before it (it sticks to the "W").
    type(a.el, ' ');
    expect(b.el.value).toBe('W ');
    expect(b.el.selectionStart).toBe(1);
    // B types " d": after B's space the value reads "W  ", which a plain diff would place after A's space,
    // and B's "d" would then land between A's space and B's own.
    for (const letter of ' d') type(b.el, letter);
    expect(b.el.selectionStart).toBe(3);
    // A goes on typing after A's own space.
    type(a.el, 'x');
    expect(a.text.toString()).toBe('W d x');
    expect(b.text.toString()).toBe('W d x');
  });

  it('applies a colleague’s typing and keeps this person’s caret after their own letters', () => {
    const { a, b } = pair('Hi');
    b.el.focus();
    b.el.setSelectionRange(2, 2);
    for (const letter of '!!') type(b.el, letter);
    a.text.insert(0, 'Oh, ');
    expect(b.el.value).toBe('Oh, Hi!!');
    expect(b.el.selectionStart).toBe(8);
  });
});
