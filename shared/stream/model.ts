/**
 * The in-memory stream model every part of Tributary works on: the editor (from the Y.Doc), the runtime (from the
 * store), lint, compile and the CLI (from the interchange format). Layout (`position`) lives here too, but only the
 * editor reads it; compile drops it.
 */
export interface Position {
  x: number;
  y: number;
}

export interface Card {
  id: string;
  /** A card type from the registry in `shared/cards/index.ts`, or anything else (linted as `unknown-card-type`). */
  type: string;
  /** Card data as stored; validated by the card's schema in lint, not when the stream is read. */
  data: unknown;
  position?: Position;
}

export interface Edge {
  /** Stable id, derived from `from`/`port`/`to` when the document has none (see `edgeId`). */
  id: string;
  from: string;
  /** The output port of `from`; `next` for single-port cards. */
  port: string;
  to: string;
}

export interface Stream {
  name: string;
  /** The start card id; `null` when missing (lints as `no-start`). */
  start: string | null;
  cards: Card[];
  edges: Edge[];
}

/** The port a card with one output uses. */
export const NEXT_PORT = 'next';

/** Derived edge id: one port to one card is one edge; a second identical edge gets a numbered suffix. */
export function edgeId(from: string, port: string, to: string, n = 0): string {
  const base = `${from}:${port}->${to}`;
  return n === 0 ? base : `${base}#${n}`;
}
