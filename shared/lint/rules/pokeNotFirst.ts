import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/** `poke-not-first`: only the start card may be shown as a teaser bubble beside the closed widget. */
export function pokeNotFirst(cardId: string, poke: boolean, start: string | null): Diagnostic | undefined {
  if (!poke || cardId === start) return undefined;
  return diagnostic(
    'poke-not-first',
    { cardId },
    `Card ${q(cardId)} is set to poke, but only the start card can be shown beside the closed widget: turn poke off, or make this card the start card.`,
  );
}
