import type { Card, Edge } from '../../shared/stream/model.ts';
import { newCardId } from './newCard.ts';

/** What copy puts aside: the selected cards and the edges between them. */
export interface Clip {
  cards: Card[];
  edges: Omit<Edge, 'id'>[];
}

const MIME = 'tributary.clip/1';
let memory: Clip | null = null;

/** Copies cards and the edges among them (to this tab, and as JSON text to the system clipboard when allowed). */
export function copyCards(cards: Card[], edges: Edge[]): Clip {
  const ids = new Set(cards.map((c) => c.id));
  const clip: Clip = {
    cards: structuredClone(cards),
    edges: edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map(({ from, port, to }) => ({ from, port, to })),
  };
  memory = clip;
  try {
    void navigator.clipboard?.writeText(JSON.stringify({ format: MIME, ...clip })).catch(() => {});
  } catch {
    // the system clipboard is optional
  }
  return clip;
}

export function clipboardContents(): Clip | null {
  return memory;
}

/** Reads a clip from text pasted from another tab; anything else gives null (never throws). */
export function parseClip(text: string): Clip | null {
  try {
    const v = JSON.parse(text) as { format?: string; cards?: unknown; edges?: unknown };
    if (v?.format !== MIME || !Array.isArray(v.cards) || !Array.isArray(v.edges)) return null;
    const cards = v.cards.filter(
      (c): c is Card =>
        !!c && typeof c === 'object' && typeof (c as Card).id === 'string' && typeof (c as Card).type === 'string',
    );
    const edges = v.edges.filter(
      (e): e is Omit<Edge, 'id'> =>
        !!e &&
        typeof e === 'object' &&
        ['from', 'port', 'to'].every((k) => typeof (e as Record<string, unknown>)[k] === 'string'),
    );
    return { cards, edges };
  } catch {
    return null;
  }
}

/** The clip with fresh card ids, moved by `offset`, ready to add. */
export function instantiateClip(clip: Clip, offset: { x: number; y: number }, taken: (id: string) => boolean): Clip {
  const rename = new Map<string, string>();
  const used = new Set<string>();
  const isTaken = (id: string) => taken(id) || used.has(id);
  const cards = clip.cards.map((c) => {
    const id = newCardId(c.type, isTaken);
    used.add(id);
    rename.set(c.id, id);
    const p = c.position ?? { x: 0, y: 0 };
    return { ...c, id, data: structuredClone(c.data), position: { x: p.x + offset.x, y: p.y + offset.y } };
  });
  const edges = clip.edges
    .filter((e) => rename.has(e.from) && rename.has(e.to))
    .map((e) => ({ from: rename.get(e.from)!, port: e.port, to: rename.get(e.to)! }));
  return { cards, edges };
}
