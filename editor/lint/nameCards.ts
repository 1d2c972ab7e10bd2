import { cardPhrase, type CardRef } from '../../shared/cards/cardLabel.ts';

/** How the editor knows a card: `DraftStore.cardRef` (undefined for an id that is no card). */
export type CardRefOf = (cardId: string) => CardRef | undefined;

/** A quoted name in a diagnostic message (JSON: `"ask"`, `"say \"hi\""`), with the word lint put before it. */
const QUOTED = /(?:\b(Card|Live chat|live chat|Question|the card) )?("(?:[^"\\]|\\.)*")/g;

/**
 * A lint message as the editor shows it: lint names cards by id (the CLI's reader edits ids), the editor never
 * does. A quoted card id becomes what the card says (`Card "Talk to sales?"`); a card that says nothing is named
 * by its type and place instead, with the word before it (`Live chat "chat-3"` → `The Live chat card after
 * "Talk to sales?"`). Quotes that name no card stay as they are.
 */
export function nameCards(message: string, refOf: CardRefOf): string {
  return message.replace(QUOTED, (all, noun: string | undefined, quoted: string, at: number) => {
    let id: unknown;
    try {
      id = JSON.parse(quoted);
    } catch {
      return all;
    }
    const ref = typeof id === 'string' ? refOf(id) : undefined;
    if (!ref) return all;
    if ('says' in ref) return `${noun ? `${noun} ` : ''}${JSON.stringify(ref.says)}`;
    const phrase = cardPhrase(ref, 'en', (s) => JSON.stringify(s));
    const first = at === 0 || /[.:!?]\s*$/.test(message.slice(0, at));
    return first ? phrase[0].toUpperCase() + phrase.slice(1) : phrase;
  });
}
