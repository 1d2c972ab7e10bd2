import type { CardType } from '../cards/index.ts';

/** The compiled form's version string; bump it with a named migration (DESIGN §4). */
export const COMPILED_FORMAT = 'tributary.compiled/1';

/** One card of a compiled stream: its parsed data (defaults applied) and where each connected port leads. */
export interface CompiledCard {
  type: CardType;
  data: unknown;
  /** Port → next card id; a port without an entry ends the branch. */
  next: Record<string, string>;
}

/**
 * An immutable, published stream (`tributary.compiled/1`): no layout, cards keyed by id in id order, and a content
 * `hash` that depends on content only (see `compileStream`). Sessions name the hash of the version they run on.
 */
export interface CompiledStream {
  format: typeof COMPILED_FORMAT;
  /** `sha256:` + hex SHA-256 of the canonical JSON of everything else. */
  hash: string;
  name: string;
  start: string;
  cards: Record<string, CompiledCard>;
}
