import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/** `unreachable-card`: no path of edges leads from the start card to this card, so no visitor will ever see it. */
export function unreachableCard(cardId: string, reachable: boolean): Diagnostic | undefined {
  if (reachable) return undefined;
  return diagnostic(
    'unreachable-card',
    { cardId },
    `Card ${q(cardId)} cannot be reached from the start card: connect an edge to it from the conversation, or delete it.`,
  );
}
