import { MAX_TEXT, parseFrame, type Parsed } from '../../../shared/protocol/common.ts';
import { visitorClientMessageSchema, type VisitorClientMessage } from '../../../shared/protocol/visitor.ts';

/**
 * Parses a frame from a visitor's socket. The frames of a step (`reply`, `message`, `typing`, `read`) are checked
 * by hand first: a zod parse of the union cost about a tenth of a whole stored step (`--cpu-prof` on
 * bench/runtime.ts). The check only accepts what the schema accepts and returns what the schema would return
 * (known keys only, texts trimmed); anything else, every bad frame among it, goes to the schema, so errors read
 * as they always did (`visitorFrames.test.ts` holds the two to the same answers).
 */
export function parseVisitorFrame(raw: string): Parsed<VisitorClientMessage> {
  return parseFrame(visitorClientMessageSchema, raw, quick);
}

type Loose = Record<string, unknown>;

function quick(json: unknown): VisitorClientMessage | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const m = json as Loose;
  switch (m.type) {
    case 'reply': {
      const { id, cardId, answerId } = m;
      if (!isString(id, 64) || !isString(cardId, 200)) return undefined;
      if (answerId !== undefined && !isString(answerId, 200)) return undefined;
      const text = m.text === undefined ? undefined : chatText(m.text);
      if (text === null || (text === undefined && answerId === undefined)) return undefined;
      const msg: Extract<VisitorClientMessage, { type: 'reply' }> = { type: 'reply', id, cardId };
      if (answerId !== undefined) msg.answerId = answerId;
      if (text !== undefined) msg.text = text;
      return msg;
    }
    case 'message': {
      const text = chatText(m.text);
      return isString(m.id, 64) && typeof text === 'string' ? { type: 'message', id: m.id, text } : undefined;
    }
    case 'typing':
      return typeof m.on === 'boolean' ? { type: 'typing', on: m.on } : undefined;
    case 'read':
      return Number.isSafeInteger(m.upTo) && (m.upTo as number) >= 0
        ? { type: 'read', upTo: m.upTo as number }
        : undefined;
    default:
      return undefined;
  }
}

/** A string of 1 to `max` UTF-16 units (zod's `.min(1).max(max)`). */
function isString(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= max;
}

/** `textSchema`'s answer for a text: trimmed, 1 to MAX_TEXT units; null when the schema would refuse it. */
function chatText(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t.length >= 1 && t.length <= MAX_TEXT ? t : null;
}
