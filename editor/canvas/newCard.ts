import { getCard } from '../../shared/cards/index.ts';
import type { Card, Position } from '../../shared/stream/model.ts';

/** A fresh card id: the type and a short random suffix, unique among `taken`. */
export function newCardId(type: string, taken: (id: string) => boolean): string {
  for (;;) {
    const id = `${type}-${Math.random().toString(36).slice(2, 7)}`;
    if (!taken(id)) return id;
  }
}

/** A card of `type` with its type's default data, at `position`. */
export function newCard(type: string, position: Position, taken: (id: string) => boolean): Card {
  const def = getCard(type);
  if (!def) throw new Error(`unknown card type ${type}`);
  return {
    id: newCardId(type, taken),
    type,
    data: def.defaults(),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
}
