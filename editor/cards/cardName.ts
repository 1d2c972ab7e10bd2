import { cardSays } from '../../shared/cards/cardLabel.ts';
import type { Card } from '../../shared/stream/model.ts';

/**
 * How a card is named in a list row or a header: by what it says (`cardSays`: its text, prompt or name, one short
 * line), and by its id only when it says nothing. Where the draft's cards and edges are at hand (lint rows, edge
 * names) a card that says nothing is named by its type and place instead (`DraftStore.cardRef`).
 */
export function cardName(card: Pick<Card, 'id' | 'data'> | undefined, id = card?.id ?? ''): string {
  return cardSays(card) ?? id;
}
