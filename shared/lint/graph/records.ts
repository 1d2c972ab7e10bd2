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

/**
 * A card in the lint graph. Kept small: a full lint holds one per card while the garbage collector copies them.
 * An edge is a traversal edge while both of its cards exist (`toNode` set).
 */
export interface NodeRec {
  id: string;
  card: Card;
  facts: CardFacts;
  /** Position in a topological order (unique), kept while the graph is acyclic. */
  ord: number;
  /** Every edge leaving this card, whether its target exists or not. */
  from: EdgeRec[];
  /** Traversal edges into this card; kept only once the graph is edited (see LintGraph.begin). */
  in: EdgeRec[];
  /** Per reach set: start (1 when this is the start card) + contributing in-edges from members. */
  c0: number;
  c1: number;
  c2: number;
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
 * `push` from empty reserves room for 17. Never pushed to: `append` replaces an empty list with a new one.
 */
export const NO_EDGES: EdgeRec[] = [];

/** Adds `rec` to a card's edge list (replacing the shared empty one); returns the list to store. */
export function append(list: EdgeRec[], rec: EdgeRec): EdgeRec[] {
  if (list.length === 0) return [rec];
  list.push(rec);
  return list;
}

/** A reach set's count of a card, changed by `by`; returns the new count. */
export function bump(n: NodeRec, set: ReachSet, by: number): number {
  if (set === REACH) return (n.c0 += by);
  if (set === NO_QUESTION) return (n.c1 += by);
  return (n.c2 += by);
}

export function newNode(card: Card, facts: CardFacts, ord: number): NodeRec {
  return {
    id: card.id,
    card,
    facts,
    ord,
    from: NO_EDGES,
    in: NO_EDGES,
    c0: 0,
    c1: 0,
    c2: 0,
    member: 0,
    loop: undefined,
    global: NONE,
    mark: 0,
    index: 0,
    low: 0,
    onStack: false,
  };
}
