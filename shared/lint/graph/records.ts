import type { Card, Edge } from '../../stream/model.ts';
import type { CardFacts } from '../cardFacts.ts';
import type { Diagnostic } from '../diagnostic.ts';

/**
 * The reach sets the path rules need, each a least fixpoint from the start card:
 * REACH: reachable at all; NO_QUESTION: reachable without passing a question card (a path stops at a question);
 * NO_EMAIL: reachable without passing an email capture.
 */
export const REACH = 0;
export const NO_QUESTION = 1;
export const NO_EMAIL = 2;
export const REACH_SETS = [REACH, NO_QUESTION, NO_EMAIL] as const;
export type ReachSet = (typeof REACH_SETS)[number];

/** A card in the lint graph. Traversal edges (both ends exist) are linked in `out`/`in`. */
export interface NodeRec {
  id: string;
  card: Card;
  facts: CardFacts;
  /** Position in a topological order (unique), kept while the graph is acyclic. */
  ord: number;
  out: EdgeRec[];
  in: EdgeRec[];
  /** Per reach set: start (1 when this is the start card) + contributing in-edges from members. */
  count: [number, number, number];
  /** Bit `1 << set` is on when the card is in that reach set. */
  member: number;
  /** The ids of the card's loop (sorted) when it is on one. */
  loop: readonly string[] | undefined;
  /** Diagnostics of the graph-wide rules for this card (cycle, unreachable, live-chat paths). */
  global: readonly Diagnostic[];
  /** Scratch for traversals: `mark` (see nextMark) and Tarjan's index, low link and stack flag. */
  mark: number;
  index: number;
  low: number;
  onStack: boolean;
}

export interface EdgeRec {
  edge: Edge;
  /** Set while the edge is a traversal edge (both of its cards exist). */
  fromNode: NodeRec | undefined;
  toNode: NodeRec | undefined;
}

const NONE: readonly Diagnostic[] = [];
/**
 * The shared empty list a new card starts with: most cards have one edge in and one out, and an array grown by
 * `push` from empty reserves room for 17. Never pushed to: `link` replaces an empty list with a new one.
 */
export const NO_EDGES: EdgeRec[] = [];

export function newNode(card: Card, facts: CardFacts, ord: number): NodeRec {
  return {
    id: card.id,
    card,
    facts,
    ord,
    out: NO_EDGES,
    in: NO_EDGES,
    count: [0, 0, 0],
    member: 0,
    loop: undefined,
    global: NONE,
    mark: 0,
    index: 0,
    low: 0,
    onStack: false,
  };
}
