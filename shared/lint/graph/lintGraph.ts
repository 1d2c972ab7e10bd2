import type { Card, Edge } from '../../stream/model.ts';
import type { CardFacts } from '../cardFacts.ts';
import { fullGraphPass } from './fullGraphPass.ts';
import { insertOrdered } from './insertOrdered.ts';
import { addReach, contributes, removeReach } from './reachCounts.ts';
import { NO_EMAIL, NO_QUESTION, REACH_SETS, newNode, type EdgeRec, type NodeRec } from './records.ts';

/** The reach sets whose paths stop at some kinds of card (a card's facts decide whether it passes them on). */
const PATH_SETS = [NO_QUESTION, NO_EMAIL] as const;

/**
 * The stream as a graph for lint: cards, edges indexed by source and target (existing or not), traversal links
 * between existing cards, and the graph-wide facts (loops, reach sets) kept up to date edit by edit.
 *
 * Changes are applied in batches (`begin` … `end`). While the graph is acyclic, reach sets follow by reference
 * counting and new edges are checked for loops against a maintained topological order, so a batch costs what it
 * touches. A batch that starts with, or creates, a loop ends with a full recomputation.
 */
export class LintGraph {
  readonly nodes = new Map<string, NodeRec>();
  readonly edges = new Map<string, EdgeRec>();
  /** All edges by the id of the card they leave (whether it exists or not). */
  readonly bySource = new Map<string, EdgeRec[]>();
  readonly byTarget = new Map<string, EdgeRec[]>();
  root: NodeRec | null = null;
  cyclic = false;
  private maxOrd = 0;
  private full = true;
  /** A bulk load (a full lint) defers `edges`, `byTarget` and `touched`, which only edits need. */
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

  private indexEdges(): void {
    for (const list of this.bySource.values()) {
      for (const rec of list) {
        this.edges.set(rec.edge.id, rec);
        addTo(this.byTarget, rec.edge.to, rec);
      }
    }
  }

  end(): void {
    if (!this.full) return;
    const all = [...this.nodes.values()];
    this.cyclic = fullGraphPass(all, this.root, this.bulk ? null : this.reachChanged);
    this.maxOrd = Math.max(this.maxOrd, all.length);
  }

  addNode(card: Card, facts: CardFacts): NodeRec {
    const node = newNode(card, facts, ++this.maxOrd);
    this.nodes.set(card.id, node);
    if (this.bulk) return node; // cards come before edges: nothing to link yet
    this.reachChanged.add(node);
    this.touched.add(card.id);
    for (const rec of this.bySource.get(card.id) ?? []) {
      const to = rec.edge.to === card.id ? node : this.nodes.get(rec.edge.to);
      if (to) this.link(rec, node, to);
    }
    for (const rec of this.byTarget.get(card.id) ?? []) {
      this.touched.add(rec.edge.from);
      if (rec.edge.from === card.id) continue; // a loop on itself, linked above
      const from = this.nodes.get(rec.edge.from);
      if (from) this.link(rec, from, node);
    }
    return node;
  }

  removeNode(node: NodeRec): void {
    if (node === this.root) this.setRoot(null);
    for (const rec of [...node.out]) this.unlink(rec);
    for (const rec of [...node.in]) this.unlink(rec);
    this.nodes.delete(node.id);
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
      for (const rec of node.out) {
        if (now) addReach(rec.toNode!, set, this.reachChanged);
        else removeReach(rec.toNode!, set, this.reachChanged);
      }
    });
  }

  addEdge(edge: Edge): void {
    const rec: EdgeRec = { edge, fromNode: undefined, toNode: undefined };
    addTo(this.bySource, edge.from, rec);
    if (!this.bulk) {
      this.edges.set(edge.id, rec);
      addTo(this.byTarget, edge.to, rec);
      this.touched.add(edge.from);
    }
    const from = this.nodes.get(edge.from);
    const to = this.nodes.get(edge.to);
    if (from && to) this.link(rec, from, to);
  }

  removeEdge(rec: EdgeRec): void {
    if (rec.fromNode) this.unlink(rec);
    this.edges.delete(rec.edge.id);
    removeFrom(this.bySource, rec.edge.from, rec);
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

  private link(rec: EdgeRec, from: NodeRec, to: NodeRec): void {
    rec.fromNode = from;
    rec.toNode = to;
    // An empty list may be the shared NO_EDGES: replace it, never push to it.
    if (from.out.length === 0) from.out = [rec];
    else from.out.push(rec);
    if (to.in.length === 0) to.in = [rec];
    else to.in.push(rec);
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
    swapRemove(from.out, rec);
    swapRemove(to.in, rec);
    rec.fromNode = rec.toNode = undefined;
  }
}

function addTo(index: Map<string, EdgeRec[]>, key: string, rec: EdgeRec): void {
  const list = index.get(key);
  if (list) list.push(rec);
  else index.set(key, [rec]);
}

function removeFrom(index: Map<string, EdgeRec[]>, key: string, rec: EdgeRec): void {
  const list = index.get(key);
  if (!list) return;
  const i = list.indexOf(rec);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) index.delete(key);
}

function swapRemove<T>(list: T[], item: T): void {
  const i = list.lastIndexOf(item);
  if (i < 0) return;
  list[i] = list[list.length - 1];
  list.pop();
}
