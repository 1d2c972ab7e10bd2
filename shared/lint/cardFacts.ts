import { getCard } from '../cards/index.ts';
import type { LiveChatData } from '../cards/liveChat.ts';
import type { QuestionData } from '../cards/question.ts';
import { NEXT_PORT } from '../stream/model.ts';
import { parseTokens } from '../engine/tokens.ts';
import type { Card } from '../stream/model.ts';
import type { Diagnostic } from './diagnostic.ts';
import { duplicateAnswerLabel } from './rules/duplicateAnswerLabel.ts';
import { conditionTooDeep } from './rules/conditionTooDeep.ts';
import { invalidCardData } from './rules/invalidCardData.ts';
import { unknownCardType } from './rules/unknownCardType.ts';

/** Card kinds the path rules care about (bits of `CardFacts.flags`). */
export const IS_QUESTION = 1;
export const IS_EMAIL_CAPTURE = 2;
export const IS_LIVE_CHAT = 4;

/**
 * Everything lint needs to know about one card, computed from the card alone. This is the expensive part of lint
 * (the schema parse), so the incremental linter keeps it per card and recomputes it only for cards that changed.
 * It holds only what the rules read, not the parsed data: a full lint keeps thousands of these alive, and every
 * byte they hold is copied by the garbage collector while they are young.
 */
export interface CardFacts {
  type: string;
  /** Known type and data that passes its schema. */
  valid: boolean;
  /** Output ports; null when unknown (unknown type or invalid data), then edges are not judged by port. */
  ports: readonly string[] | null;
  /** What the visitor sees for each port, when it is not the port's id (a question's answer labels). */
  portLabels: readonly string[] | null;
  /** A valid live chat's routing. */
  routing: unknown;
  /** Distinct attribute names of the `{{tokens}}` in the card's texts. */
  tokens: readonly string[];
  /** Distinct attributes the card sets. */
  sets: readonly string[];
  poke: boolean;
  /** A live chat marked as the stream's "talk to a person" target (read from the raw data, like `poke`). */
  talkToPerson: boolean;
  flags: number;
  /** Findings about the card alone: unknown-card-type, invalid-card-data, duplicate-answer-label. */
  diagnostics: readonly Diagnostic[];
}

const NONE: readonly string[] = [];
const NO_DIAGNOSTICS: readonly Diagnostic[] = [];
const NEXT_ONLY: readonly string[] = [NEXT_PORT];

export function cardFacts(card: Card): CardFacts {
  const def = getCard(card.type);
  const raw = card.data;
  if (!def) {
    return {
      type: card.type,
      valid: false,
      ports: null,
      portLabels: null,
      routing: undefined,
      tokens: NONE,
      sets: NONE,
      poke: false,
      talkToPerson: false,
      flags: 0,
      diagnostics: [unknownCardType(card.id, card.type)],
    };
  }
  // Too deep for the recursive schema: reported as such, and the data counts as invalid without parsing it.
  const tooDeep = card.type === 'condition' ? conditionTooDeep(card.id, raw) : NO_DIAGNOSTICS;
  const parsed = tooDeep.length ? ({ success: false } as const) : def.schema.safeParse(raw);
  let diagnostics: readonly Diagnostic[] = tooDeep.length ? tooDeep : NO_DIAGNOSTICS;
  if (!parsed.success && 'error' in parsed) diagnostics = invalidCardData(card.id, card.type, parsed.error.issues);
  if (card.type === 'question') {
    const dup = duplicateAnswerLabel(card.id, raw);
    if (dup.length > 0) diagnostics = diagnostics.concat(dup);
  }
  if (parsed.success) {
    const data = parsed.data;
    const ports = def.ports(data);
    return {
      type: card.type,
      valid: true,
      ports: ports.length === 1 && ports[0] === NEXT_PORT ? NEXT_ONLY : ports,
      portLabels: card.type === 'question' ? (data as QuestionData).answers.map((a) => a.label) : null,
      routing: card.type === 'liveChat' ? (data as LiveChatData).routing : undefined,
      tokens: tokensOf(def.texts(data)),
      sets: distinct(def.sets(data)),
      poke: (data as { poke?: unknown }).poke === true,
      talkToPerson: card.type === 'liveChat' && (data as { talkToPerson?: unknown }).talkToPerson === true,
      flags: flagsOf(card.type, data),
      diagnostics,
    };
  }
  // With invalid data, texts and sets are read best-effort so that one broken field does not cascade into
  // unknown-token warnings elsewhere.
  return {
    type: card.type,
    valid: false,
    ports: null,
    portLabels: null,
    routing: undefined,
    tokens: tokensOf(attempt(() => def.texts(raw))),
    sets: distinct(attempt(() => def.sets(raw))),
    poke: (raw as { poke?: unknown } | null)?.poke === true,
    talkToPerson: card.type === 'liveChat' && (raw as { talkToPerson?: unknown } | null)?.talkToPerson === true,
    flags: flagsOf(card.type, raw),
    diagnostics,
  };
}

function flagsOf(type: string, data: unknown): number {
  if (type === 'question') return IS_QUESTION;
  if (type === 'liveChat') return IS_LIVE_CHAT;
  if (type === 'capture') {
    const attribute = (data as { attribute?: unknown } | null)?.attribute;
    if (typeof attribute === 'string' && attribute.trim() === 'email') return IS_EMAIL_CAPTURE;
  }
  return 0;
}

function attempt(read: () => unknown): readonly string[] {
  try {
    const v = read();
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : NONE;
  } catch {
    return NONE;
  }
}

function tokensOf(texts: readonly string[]): readonly string[] {
  let out: string[] | undefined;
  for (const text of texts) {
    if (!text.includes('{{')) continue;
    for (const t of parseTokens(text)) {
      out ??= [];
      if (!out.includes(t.attribute)) out.push(t.attribute);
    }
  }
  return out ?? NONE;
}

function distinct(list: readonly string[]): readonly string[] {
  if (list.length < 2) return list;
  return [...new Set(list)];
}
