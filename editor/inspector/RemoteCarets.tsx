import { useContext, useEffect, useState, type RefObject } from 'react';
import * as Y from 'yjs';
import type { DataPath } from '../../shared/stream/ydoc.ts';
import type { TextInput } from '../collab/bindTextInput.ts';
import { personColor } from '../../shared/brand.ts';
import { CardFieldContext } from './CardFieldContext.ts';
import type { FieldPresence } from './useTextBinding.ts';

interface Caret {
  clientId: number;
  name: string;
  color: string;
  left: number;
  top: number;
  height: number;
  /** Selected ranges drawn under the text, in the input's box (one rectangle per line, as the mirror measures). */
  marks: { left: number; top: number; width: number; height: number }[];
}

/**
 * Colleagues' carets and selections inside one text input of the inspector, from the awareness `field` entries
 * (relative positions, so they stay on the characters they were at while anyone types). Drawn over the input,
 * positioned with a hidden mirror of the input's text (the textarea-caret technique), since an input has no API for
 * the coordinates of a character.
 */
export function RemoteCarets({
  input,
  path,
  text,
}: {
  input: RefObject<TextInput | null>;
  path: DataPath;
  text?: Y.Text;
}) {
  const ctx = useContext(CardFieldContext);
  const awareness = ctx?.session.awareness;
  const [carets, setCarets] = useState<Caret[]>([]);
  const key = JSON.stringify(path);
  useEffect(() => {
    const el = input.current;
    if (!awareness || !ctx || !el || !text) return;
    const doc = text.doc!;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const found: Caret[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const f = (state as { field?: FieldPresence } | null)?.field;
        const user = (state as { user?: { name?: unknown; color?: unknown } } | null)?.user;
        if (!f || f.card !== ctx.cardId || JSON.stringify(f.path) !== key) continue;
        const head = absolute(f.head, doc);
        const anchor = absolute(f.anchor, doc);
        if (head === null) continue;
        const name = typeof user?.name === 'string' ? user.name : '?';
        const at = caretBox(el, head);
        const marks =
          anchor !== null && anchor !== head ? rangeBoxes(el, Math.min(anchor, head), Math.max(anchor, head)) : [];
        found.push({
          clientId,
          name,
          color: typeof user?.color === 'string' ? user.color : personColor(name),
          ...at,
          marks,
        });
      }
      setCarets(found);
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    awareness.on('change', later);
    text.observe(later);
    el.addEventListener('scroll', later);
    el.addEventListener('input', later);
    measure();
    return () => {
      cancelAnimationFrame(frame);
      awareness.off('change', later);
      text.unobserve(later);
      el.removeEventListener('scroll', later);
      el.removeEventListener('input', later);
    };
  }, [awareness, ctx, input, text, key]);
  if (!carets.length) return null;
  return (
    <div className="remote-carets" aria-hidden="true">
      {carets.map((c) => (
        <div key={c.clientId} data-tributary="remote-caret" data-name={c.name}>
          {c.marks.map((m, i) => (
            <span key={i} className="remote-carets__mark" style={{ ...m, background: c.color }} />
          ))}
          <span
            className="remote-carets__caret"
            style={{ left: c.left, top: c.top, height: c.height, background: c.color }}
          >
            <span className="remote-carets__name" style={{ background: c.color }}>
              {c.name}
            </span>
          </span>
        </div>
      ))}
    </div>
  );
}

function absolute(json: unknown, doc: Y.Doc): number | null {
  if (!json || typeof json !== 'object') return null;
  try {
    return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc)?.index ?? null;
  } catch {
    return null;
  }
}

const MIRRORED = [
  'boxSizing',
  'width',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'letterSpacing',
  'lineHeight',
  'textTransform',
  'wordSpacing',
  'tabSize',
] as const;

/** A hidden copy of the input's box and text, to measure where characters are. */
function mirror(el: TextInput, upTo: number): { div: HTMLDivElement; span: HTMLSpanElement } {
  const div = el.ownerDocument.createElement('div');
  const style = getComputedStyle(el);
  for (const p of MIRRORED) div.style[p] = style[p];
  const area = el instanceof HTMLTextAreaElement;
  div.style.position = 'absolute';
  div.style.visibility = 'hidden';
  div.style.top = '0';
  div.style.left = '-9999px';
  div.style.whiteSpace = area ? 'pre-wrap' : 'pre';
  div.style.overflowWrap = area ? 'break-word' : 'normal';
  div.textContent = el.value.slice(0, upTo);
  const span = el.ownerDocument.createElement('span');
  span.textContent = el.value.slice(upTo) || '.';
  div.appendChild(span);
  el.ownerDocument.body.appendChild(div);
  return { div, span };
}

function caretBox(el: TextInput, index: number): { left: number; top: number; height: number } {
  const { div, span } = mirror(el, index);
  const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || span.offsetHeight || 16;
  const box = {
    left: el.offsetLeft + span.offsetLeft - el.scrollLeft,
    top: el.offsetTop + span.offsetTop - el.scrollTop,
    height: lineHeight,
  };
  div.remove();
  return box;
}

function rangeBoxes(el: TextInput, from: number, to: number): Caret['marks'] {
  const a = caretBox(el, from);
  const b = caretBox(el, to);
  if (a.top === b.top) return [{ left: a.left, top: a.top, width: Math.max(2, b.left - a.left), height: a.height }];
  // Across lines: from the start to the right edge, then the last line up to the end (middle lines omitted).
  const right = el.offsetLeft + el.clientWidth;
  const left = el.offsetLeft + 4;
  return [
    { left: a.left, top: a.top, width: Math.max(2, right - a.left), height: a.height },
    { left, top: b.top, width: Math.max(2, b.left - left), height: b.height },
  ];
}
