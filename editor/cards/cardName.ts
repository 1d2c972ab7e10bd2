import type { Card } from '../../shared/stream/model.ts';

/** Longest name shown for a card in a list row or a header. */
const MAX = 48;

/**
 * How a card is named to a person: by what it says (its text, prompt or name; an attribute for the cards that
 * only set one), cut to one short line, and by its id only when it says nothing. Lint rows, the inspector and the
 * versions diff use it, so that nobody has to know ids.
 */
export function cardName(card: Pick<Card, 'id' | 'data'> | undefined, id = card?.id ?? ''): string {
  const d = card?.data && typeof card.data === 'object' ? (card.data as Record<string, unknown>) : {};
  for (const key of ['text', 'prompt', 'name', 'attribute', 'value']) {
    const v = d[key];
    if (typeof v === 'string' && v.trim()) {
      const one = v.replace(/\s+/g, ' ').trim();
      return one.length > MAX ? `${one.slice(0, MAX - 1)}…` : one;
    }
  }
  return id;
}
