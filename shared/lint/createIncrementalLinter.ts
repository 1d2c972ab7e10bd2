import { STANDARD_ATTRIBUTES } from '../stream/attributes.ts';
import type { Card, Edge, Stream } from '../stream/model.ts';
import { cardFacts, type CardFacts } from './cardFacts.ts';
import { sameDiagnostics } from './compareDiagnostics.ts';
import type { LintContext } from './context.ts';
import type { Diagnostic } from './diagnostic.ts';
import { DiagnosticTable } from './diagnosticTable.ts';
import { globalDiagnostics } from './globalDiagnostics.ts';
import { LintGraph } from './graph/lintGraph.ts';
import type { NodeRec } from './graph/records.ts';
import { localDiagnostics, type LocalEnv } from './localDiagnostics.ts';
import { PositionIndex } from './positionIndex.ts';
import { noStart } from './rules/noStart.ts';
import { noTargetUrl } from './rules/noTargetUrl.ts';
import { talkToPersonDuplicate } from './rules/talkToPersonDuplicate.ts';

const NONE: readonly Diagnostic[] = [];

/** What changed since the previous update: ids of cards and edges added, removed or edited. */
export interface StreamChanges {
  cards: Iterable<string>;
  edges: Iterable<string>;
}

export interface IncrementalLinter {
  /**
   * Lints `stream`, which differs from the previous one by `changed` (a card moved without a data change needs no
   * mention; a change of start card is noticed by itself). `'all'` relints from scratch. The result always equals
   * `lintStream(stream, ctx)`; treat it and the stream's cards and edges as read-only.
   */
  update(stream: Stream, changed: StreamChanges | 'all'): Diagnostic[];
  /** Replaces the workspace context; the next `update` uses it. */
  setContext(ctx: LintContext): void;
}

/**
 * A linter for the editor, which lints on every change: per-card facts (the schema parse) are kept and recomputed
 * only for changed cards, card-local rules rerun only where a card or edge changed, and the graph-wide rules follow
 * edits incrementally (see LintGraph).
 */
export function createIncrementalLinter(ctx: LintContext = {}): IncrementalLinter {
  return new Linter(ctx);
}

class Linter implements IncrementalLinter {
  private ctx!: LintContext;
  private defined!: Set<string>;
  private ctxChanged = false;
  private ready = false;
  private graph = new LintGraph();
  private start: string | null = null;
  /** Attribute → number of cards that set it. */
  private setters = new Map<string, number>();
  /** Attribute → cards with a token naming it; built on the first edit (a one-off full lint does not need it). */
  private users = new Map<string, Set<string>>();
  private usersIndexed = false;
  /** Cards marked as the "talk to a person" target (`talk-to-person-duplicate` when more than one). */
  private marked = new Set<string>();
  /** Attributes whose defined-ness may have changed in this batch. */
  private flipped = new Set<string>();
  private readonly table = new DiagnosticTable();
  private cardPos = new PositionIndex();
  private edgePos = new PositionIndex();
  private readonly env: LocalEnv = {
    start: null,
    ctx: {},
    hasCard: (id) => this.graph.nodes.has(id),
    isDefined: (a) => this.defined.has(a) || this.setters.has(a),
  };

  constructor(ctx: LintContext) {
    this.setContext(ctx);
  }

  setContext(ctx: LintContext): void {
    this.ctx = ctx;
    this.env.ctx = ctx;
    this.defined = new Set<string>([...STANDARD_ATTRIBUTES, ...(ctx.customAttributes ?? [])]);
    this.ctxChanged = true;
  }

  update(stream: Stream, changed: StreamChanges | 'all'): Diagnostic[] {
    if (changed === 'all' || !this.ready) {
      this.rebuild(stream);
      this.refreshAll(stream);
    } else {
      this.apply(stream, changed);
      this.refresh();
    }
    return this.table.sorted(stream.cards);
  }

  private rebuild(stream: Stream): void {
    this.graph = new LintGraph();
    this.setters.clear();
    this.marked.clear();
    this.users.clear();
    this.usersIndexed = false;
    this.table.clear();
    this.ready = true;
    const g = this.graph;
    g.begin(true);
    this.cardPos.invalidate();
    this.edgePos.invalidate();
    for (const card of stream.cards) this.indexFacts(card.id, g.addNode(card, cardFacts(card)).facts, 1);
    for (const edge of stream.edges) g.addEdge(edge);
    this.start = stream.start;
    g.setRoot(this.startNode());
    g.end();
    this.ctxChanged = false;
  }

  private apply(stream: Stream, changed: StreamChanges): void {
    const g = this.graph;
    g.begin(false);
    this.flipped.clear();
    if (!this.usersIndexed) {
      this.usersIndexed = true;
      for (const [id, node] of g.nodes) this.indexTokens(id, node.facts, 1);
    }
    // Old versions of changed edges go first, then card removals and edits, then new cards, then new edges.
    const newEdges: Edge[] = [];
    for (const id of new Set(changed.edges)) {
      const old = g.edge(id);
      if (old) g.removeEdge(old);
      const edge = this.edgePos.find(stream.edges, id);
      if (edge) newEdges.push(edge);
    }
    const newCards: Card[] = [];
    for (const id of new Set(changed.cards)) {
      const node = g.nodes.get(id);
      const card = this.cardPos.find(stream.cards, id);
      if (node && card) this.edit(node, card);
      else if (node) {
        this.indexFacts(id, node.facts, -1);
        g.removeNode(node);
      } else if (card) newCards.push(card);
    }
    for (const card of newCards) this.indexFacts(card.id, g.addNode(card, cardFacts(card)).facts, 1);
    for (const edge of newEdges) g.addEdge(edge);
    if (stream.start !== this.start) {
      if (this.start !== null) g.touched.add(this.start);
      if (stream.start !== null) g.touched.add(stream.start);
      this.start = stream.start;
    }
    g.setRoot(this.startNode());
    for (const attribute of this.flipped) for (const id of this.users.get(attribute) ?? []) g.touched.add(id);
    g.end();
  }

  private edit(node: NodeRec, card: Card): void {
    const facts = cardFacts(card);
    this.indexFacts(card.id, node.facts, -1);
    this.graph.setFacts(node, card, facts);
    this.indexFacts(card.id, facts, 1);
  }

  private startNode(): NodeRec | null {
    return this.start === null ? null : (this.graph.nodes.get(this.start) ?? null);
  }

  /** Adds (`by` 1) or removes (-1) a card's attribute setters and token uses from the indexes `unknown-token` reads. */
  private indexFacts(id: string, facts: CardFacts, by: 1 | -1): void {
    if (facts.talkToPerson) {
      if (by === 1) this.marked.add(id);
      else this.marked.delete(id);
    }
    for (const attribute of facts.sets) {
      const n = (this.setters.get(attribute) ?? 0) + by;
      if (n === 0) this.setters.delete(attribute);
      else this.setters.set(attribute, n);
      if (n === 0 || (n === 1 && by === 1)) this.flipped.add(attribute);
    }
    if (this.usersIndexed) this.indexTokens(id, facts, by);
  }

  private indexTokens(id: string, facts: CardFacts, by: 1 | -1): void {
    for (const attribute of facts.tokens) {
      let users = this.users.get(attribute);
      if (by === 1) {
        if (!users) this.users.set(attribute, (users = new Set()));
        users.add(id);
      } else if (users) {
        users.delete(id);
        if (users.size === 0) this.users.delete(attribute);
      }
    }
  }

  /** Computes every diagnostic of a freshly loaded stream. */
  private refreshAll(stream: Stream): void {
    const g = this.graph;
    const t = this.table;
    this.env.start = this.start;
    const hasStart = g.root !== null;
    for (const [id, node] of g.nodes) {
      node.global = globalDiagnostics(node, hasStart);
      t.setLocal(id, localDiagnostics(id, node, node.from, this.env));
      t.merge(id, node.global, true, true);
    }
    for (const [id, out] of g.orphans) {
      t.setLocal(id, localDiagnostics(id, undefined, out, this.env));
      t.merge(id, NONE, false, true);
    }
    t.sortCards(stream.cards, (id) => g.nodes.has(id));
    t.setTop(this.streamLevel());
  }

  /** Recomputes the diagnostics of what the batch touched. */
  private refresh(): void {
    const g = this.graph;
    const t = this.table;
    this.env.start = this.start;
    const dirty = new Set<string>();
    const touched = this.ctxChanged ? new Set([...g.nodes.keys(), ...g.orphans.keys(), ...g.touched]) : g.touched;
    this.ctxChanged = false;
    const reach: Iterable<NodeRec> = g.rootFlipped ? g.nodes.values() : g.reachChanged;
    const hasStart = g.root !== null;
    for (const node of reach) {
      if (g.nodes.get(node.id) !== node) continue;
      const global = globalDiagnostics(node, hasStart);
      if (sameDiagnostics(global, node.global)) continue;
      node.global = global;
      dirty.add(node.id);
    }
    for (const id of touched) {
      // Touched ids are refiled even when their findings did not change: a card may have come or gone.
      dirty.add(id);
      const node = g.nodes.get(id);
      const out = g.edgesFrom(id);
      t.setLocal(id, node || out ? localDiagnostics(id, node, out, this.env) : NONE);
    }
    for (const id of dirty) {
      const node = g.nodes.get(id);
      t.merge(id, node ? node.global : NONE, node !== undefined);
    }
    t.setTop(this.streamLevel());
  }

  private streamLevel(): Diagnostic[] {
    const top = [noStart(this.start, this.graph.root !== null), noTargetUrl(this.ctx)].filter((d) => d !== undefined);
    return this.marked.size > 1 ? top.concat(talkToPersonDuplicate(this.marked)) : top;
  }
}
