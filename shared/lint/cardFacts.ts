import { getCard } from '../cards/index.ts';
import { parseTokens } from '../engine/tokens.ts';
import type { Card } from '../stream/model.ts';
import type { Diagnostic } from './diagnostic.ts';
import { duplicateAnswerLabel } from './rules/duplicateAnswerLabel.ts';
import { invalidCardData } from './rules/invalidCardData.ts';
import { unknownCardType } from './rules/unknownCardType.ts';

/** Card kinds the path rules care about (bits of `CardFacts.flags`). */
export const IS_QUESTION = 1;
export const IS_EMAIL_CAPTURE = 2;
export const IS_LIVE_CHAT = 4;

/**
 * Everything lint needs to know about one card, computed from the card alone. This is the expensive part of lint
 * (the schema parse), so the incremental linter keeps it per card and recomputes it only for cards that changed.
 */
export interface CardFacts {
  type: string;
  /** Known type and data that passes its schema. */
  valid: boolean;
  /** The parsed data (defaults applied) when valid, else the data as stored. */
  data: unknown;
  /** Output ports; null when unknown (unknown type or invalid data), then edges are not judged by port. */
  ports: readonly string[] | null;
  /** Distinct attribute names of the `{{tokens}}` in the card's texts. */
  tokens: readonly string[];
  /** Distinct attributes the card sets. */
  sets: readonly string[];
  poke: boolean;
  flags: number;
  /** Findings about the card alone: unknown-card-type, invalid-card-data, duplicate-answer-label. */
  diagnostics: readonly Diagnostic[];
}

const NONE: readonly string[] = [];
const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

export function cardFacts(card: Card): CardFacts {
  const def = getCard(card.type);
  const raw = card.data;
  if (!def) {
    return {
      type: card.type,
      valid: false,
      data: raw,
      ports: null,
      tokens: NONE,
      sets: NONE,
      poke: false,
      flags: 0,
      diagnostics: [unknownCardType(card.id, card.type)],
    };
  }
  const parsed = def.schema.safeParse(raw);
  let diagnostics: readonly Diagnostic[] = NO_DIAGNOSTICS;
  if (!parsed.success) diagnostics = invalidCardData(card.id, card.type, parsed.error.issues);
  if (card.type === 'question') {
    const dup = duplicateAnswerLabel(card.id, raw);
    if (dup.length > 0) diagnostics = diagnostics.concat(dup);
  }
  if (parsed.success) {
    const data = parsed.data;
    return {
      type: card.type,
      valid: true,
      data,
      ports: def.ports(data),
      tokens: tokensOf(def.texts(data)),
      sets: distinct(def.sets(data)),
      poke: (data as { poke?: unknown }).poke === true,
      flags: flagsOf(card.type, data),
      diagnostics,
    };
  }
  // With invalid data, texts and sets are read best-effort so that one broken field does not cascade into
  // unknown-token warnings elsewhere.
  return {
    type: card.type,
    valid: false,
    data: raw,
    ports: null,
    tokens: tokensOf(attempt(() => def.texts(raw))),
    sets: distinct(attempt(() => def.sets(raw))),
    poke: (raw as { poke?: unknown } | null)?.poke === true,
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
