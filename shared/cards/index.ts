import { actionCard } from './action.ts';
import { captureCard } from './capture.ts';
import { conditionCard } from './condition.ts';
import type { CardDefinition } from './defineCard.ts';
import { documentCard } from './document.ts';
import { goalCard } from './goal.ts';
import { liveChatCard } from './liveChat.ts';
import { messageCard } from './message.ts';
import { questionCard } from './question.ts';

/**
 * The card catalog (SPEC §2): the ONLY list of card types. Adding a type is one definition file plus one line here
 * (and its view in the editor, whose registry is typed `Record<CardType, …>`).
 */
export const cards = {
  message: messageCard,
  question: questionCard,
  capture: captureCard,
  liveChat: liveChatCard,
  goal: goalCard,
  condition: conditionCard,
  action: actionCard,
  document: documentCard,
} as const;

export type CardType = keyof typeof cards;

/** The data type of each card type, after parsing (defaults applied). */
export type CardDataOf<T extends CardType> = (typeof cards)[T] extends CardDefinition<T, infer D> ? D : never;

/** Card types in catalog order (the editor's palette order). */
export const CARD_TYPES = Object.keys(cards) as CardType[];

export function isCardType(type: string): type is CardType {
  return Object.hasOwn(cards, type);
}

/** The definition of a card type, or `undefined` for a type the catalog does not know. */
export function getCard(type: string): CardDefinition<CardType, any> | undefined {
  return isCardType(type) ? (cards[type] as CardDefinition<CardType, any>) : undefined;
}

/** Parses a card's data with its type's schema: the parsed data (defaults applied) or the schema's issues. */
export function parseCardData(
  type: string,
  data: unknown,
): { ok: true; data: unknown } | { ok: false; issues: { path: (string | number)[]; message: string }[] } {
  const def = getCard(type);
  if (!def) return { ok: false, issues: [{ path: [], message: `unknown card type "${type}"` }] };
  const r = def.schema.safeParse(data);
  if (r.success) return { ok: true, data: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
      message: i.message,
    })),
  };
}

export { defineCard } from './defineCard.ts';
export type { CardDefinition, StepContext, StepOutcome } from './defineCard.ts';
export { validateCapture } from './validate.ts';
