import { getCard, parseCardData } from '../../shared/cards/index.ts';
import type { Stream } from '../../shared/stream/model.ts';

const cache = new WeakMap<object, string[]>();

/** Attributes the stream itself sets (question, capture, action cards): tokens may name them too. */
export function streamAttributes(stream: Stream): string[] {
  const out = new Set<string>();
  for (const card of stream.cards) {
    const key = card.data && typeof card.data === 'object' ? (card.data as object) : null;
    let sets = key ? cache.get(key) : undefined;
    if (!sets) {
      const def = getCard(card.type);
      const parsed = parseCardData(card.type, card.data);
      sets = def && parsed.ok ? def.sets(parsed.data as never) : [];
      if (key) cache.set(key, sets);
    }
    sets.forEach((a) => out.add(a));
  }
  return [...out];
}
