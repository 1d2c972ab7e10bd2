import type { Card, Edge } from '../../stream/model.ts';
import type { CardFacts } from '../cardFacts.ts';
import { fullGraphPass } from './fullGraphPass.ts';
import { insertOrdered } from './insertOrdered.ts';
import { addReach, contributes, removeReach } from './reachCounts.ts';
import { append, NO_EDGES, NO_EMAIL, NO_QUESTION, REACH_SETS, newNode, type EdgeRec, type NodeRec } from './records.ts';

/** The reach sets whose paths stop at some kinds of card (a card's facts decide whether it passes them on). */
const PATH_SETS = [NO_QUESTION, NO_EMAIL] as const;

/**
 * The stream as a graph for lint: cards, the edges leaving each id (existing card or not), traversal links between
 * existing cards, and the graph-wide facts (loops, reach sets) kept up to date edit by edit.
 *
 * Changes are applied in batches (`begin` … `end`). While the graph is acyclic, reach sets follow by reference
 * counting and new edges are checked for loops against a maintained topological order, so a batch costs what it
 * touches. A batch that starts with, or creates, a loop ends with a full recomputation.
 */
export class LintGraph {
  readonly nodes = new Map<string, NodeRec>();
  /** Edges whose source card does not exist, by source id (the others are in their card's `from`). */
  readonly orphans = new Map<string, EdgeRec[]>();
  /** Every edge by id, and by target id; built on the first edit after a bulk load. */
  private readonly edges = new Map<string, EdgeRec>();
  private readonly byTarget = new Map<string, EdgeRec[]>();
  root: NodeRec | null = null;
  cyclic = false;
  private maxOrd = 0;
  private full = true;
  /** A bulk load (a full lint) defers what only edits need: `edges`, `byTarget`, cards' `in`, `touched`. */
  private bulk = false;
  /** Cards whose loop or reach membership may have changed in this batch. */
  reachChanged = new Set<NodeRec>();
  /** Ids whose card-local diagnostics may have changed (the card, or the source of an edge that changed). */
  touched = new Set<string>();
  /** Whether the start card appeared or disappeared (every card's `unreachable-card` depends on it). */
  rootFlipped = false;

  /** Starts a batch of edits, or with `bulk` the loading of a whole stream into an empty graph. */
  begin(bulk: boolean): void {
    if (this.bulk && !bulk) this.indexEdges();
    this.bulk = bulk;
    this.full = bulk || this.cyclic;
    this.reachChanged = new Set();
    this.touched = new Set();
    this.rootFlipped = false;
  }

  end(): void {
    if (!this.full) return;
    const all = [...this.nodes.values()];
    this.cyclic = fullGraphPass(all, this.root, this.bulk ? null : this.reachChanged);
    this.maxOrd = Math.max(this.maxOrd, all.length);
  }

  /** The edges leaving `id`, whether a card `id` exists or not. */
  edgesFrom(id: string): readonly EdgeRec[] | undefined {
    return this.nodes.get(id)?.from ?? this.orphans.get(id);
  }

  edge(id: string): EdgeRec | undefined {
    return this.edges.get(id);
  }

  addNode(card: Card, facts: CardFacts): NodeRec {
    const node = newNode(card, facts, ++this.maxOrd);
    this.nodes.set(card.id, node);
    if (this.bulk) return node; // cards come before edges: nothing to link yet
    this.reachChanged.add(node);
    this.touched.add(card.id);
    const from = this.orphans.get(card.id);
    if (from) {
      this.orphans.delete(card.id);
      node.from = from;
      for (const rec of from) {
        const to = rec.edge.to === card.id ? node : this.nodes.get(rec.edge.to);
        if (to) this.link(rec, node, to);
      }
    }
    for (const rec of this.byTarget.get(card.id) ?? []) {
      this.touched.add(rec.edge.from);
      if (rec.edge.from === card.id) continue; // a loop on itself, linked above
      const source = this.nodes.get(rec.edge.from);
      if (source) this.link(rec, source, node);
    }
    return node;
  }

  removeNode(node: NodeRec): void {
    if (node === this.root) this.setRoot(null);
    for (const rec of node.from) if (rec.toNode) this.unlink(rec);
    for (const rec of [...node.in]) this.unlink(rec);
    this.nodes.delete(node.id);
    if (node.from.length > 0) this.orphans.set(node.id, node.from);
    this.touched.add(node.id);
    for (const rec of this.byTarget.get(node.id) ?? []) this.touched.add(rec.edge.from);
  }

  /** New facts for a card; the path rules' reach sets change when it became or stopped being a question or an email capture. */
  setFacts(node: NodeRec, card: Card, facts: CardFacts): void {
    const was = PATH_SETS.map((set) => contributes(node, set));
    node.card = card;
    node.facts = facts;
    this.reachChanged.add(node);
    this.touched.add(node.id);
    if (this.full) return;
    PATH_SETS.forEach((set, i) => {
      const now = contributes(node, set);
      if (now === was[i]) return;
      for (const rec of node.from) {
        if (!rec.toNode) continue;
        if (now) addReach(rec.toNode, set, this.reachChanged);
        else removeReach(rec.toNode, set, this.reachChanged);
      }
    });
  }

  addEdge(edge: Edge): void {
    const rec: EdgeRec = { edge, fromNode: undefined, toNode: undefined };
    const from = this.nodes.get(edge.from);
    if (from) from.from = append(from.from, rec);
    else this.orphans.set(edge.from, append(this.orphans.get(edge.from) ?? NO_EDGES, rec));
    if (!this.bulk) {
      this.edges.set(edge.id, rec);
      this.byTarget.set(edge.to, append(this.byTarget.get(edge.to) ?? NO_EDGES, rec));
      this.touched.add(edge.from);
    }
    const to = this.nodes.get(edge.to);
    if (from && to) this.link(rec, from, to);
  }

  removeEdge(rec: EdgeRec): void {
    if (rec.toNode) this.unlink(rec);
    const from = this.nodes.get(rec.edge.from);
    if (from) from.from = without(from.from, rec);
    else removeFrom(this.orphans, rec.edge.from, rec);
    this.edges.delete(rec.edge.id);
    removeFrom(this.byTarget, rec.edge.to, rec);
    this.touched.add(rec.edge.from);
  }

  setRoot(node: NodeRec | null): void {
    if (node === this.root) return;
    if ((node === null) !== (this.root === null)) this.rootFlipped = true;
    if (!this.full) {
      if (this.root) for (const set of REACH_SETS) removeReach(this.root, set, this.reachChanged);
      if (node) for (const set of REACH_SETS) addReach(node, set, this.reachChanged);
    }
    this.root = node;
  }

  /** Builds what a bulk load deferred, before the first edit. */
  private indexEdges(): void {
    const index = (rec: EdgeRec) => {
      this.edges.set(rec.edge.id, rec);
      this.byTarget.set(rec.edge.to, append(this.byTarget.get(rec.edge.to) ?? NO_EDGES, rec));
      if (rec.toNode) rec.toNode.in = append(rec.toNode.in, rec);
    };
    for (const node of this.nodes.values()) node.from.forEach(index);
    for (const list of this.orphans.values()) list.forEach(index);
  }

  /** Makes `rec` (already in `from.from`) a traversal edge. */
  private link(rec: EdgeRec, from: NodeRec, to: NodeRec): void {
    rec.fromNode = from;
    rec.toNode = to;
    if (!this.bulk) to.in = append(to.in, rec);
    if (this.full) return;
    if (insertOrdered(from, to)) {
      // A loop: reference counts no longer describe reachability; recompute everything at the end of the batch.
      this.full = true;
      return;
    }
    for (const set of REACH_SETS) if (contributes(from, set)) addReach(to, set, this.reachChanged);
  }

  private unlink(rec: EdgeRec): void {
    const from = rec.fromNode!;
    const to = rec.toNode!;
    if (!this.full) for (const set of REACH_SETS) if (contributes(from, set)) removeReach(to, set, this.reachChanged);
    to.in = without(to.in, rec);
    rec.fromNode = rec.toNode = undefined;
  }
}

function removeFrom(index: Map<string, EdgeRec[]>, key: string, rec: EdgeRec): void {
  const list = index.get(key);
  if (!list) return;
  const rest = without(list, rec);
  if (rest.length === 0) index.delete(key);
  else index.set(key, rest);
}

/** `list` without `rec` (in place; the shared empty list stays untouched). */
function without(list: EdgeRec[], rec: EdgeRec): EdgeRec[] {
  const i = list.indexOf(rec);
  if (i >= 0) list.splice(i, 1);
  return list;
}
