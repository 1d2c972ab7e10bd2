import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q, qList } from './quote.ts';

/**
 * `cycle`: the card lies on a loop. `loop` is the card's strongly connected component (ids sorted), or just the card
 * when it has an edge to itself. Every card of the loop is reported, so the canvas can mark all of them.
 */
export function cycle(cardId: string, loop: readonly string[]): Diagnostic {
  const others = loop.filter((id) => id !== cardId);
  const where = others.length === 0 ? 'has an edge back to itself' : `is on a loop with ${qList(others)}`;
  return diagnostic(
    'cycle',
    { cardId },
    `Card ${q(cardId)} ${where}: a conversation must always move forward, so redirect or delete the edge that leads back.`,
  );
}
