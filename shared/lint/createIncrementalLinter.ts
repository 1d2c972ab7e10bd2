import { STANDARD_ATTRIBUTES } from '../stream/attributes.ts';
import type { Card, Edge, Stream } from '../stream/model.ts';
import { cardFacts, type CardFacts } from './cardFacts.ts';
import { compareDiagnostics, sameDiagnostics } from './compareDiagnostics.ts';
import type { LintContext } from './context.ts';
import type { Diagnostic } from './diagnostic.ts';
import { globalDiagnostics } from './globalDiagnostics.ts';
import { LintGraph } from './graph/lintGraph.ts';
import type { NodeRec } from './graph/records.ts';
import { localDiagnostics, type LocalEnv } from './localDiagnostics.ts';
import { PositionIndex } from './positionIndex.ts';
import { noStart } from './rules/noStart.ts';
import { noTargetUrl } from './rules/noTargetUrl.ts';

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
  /** Attributes whose defined-ness may have changed in this batch. */
  private flipped = new Set<string>();
  private local = new Map<string, readonly Diagnostic[]>();
  /** Per id: local and graph-wide diagnostics, merged and sorted; only non-empty lists. */
  private groups = new Map<string, readonly Diagnostic[]>();
  private top: readonly Diagnostic[] = [];
  private cardPos = new PositionIndex();
  private edgePos = new PositionIndex();
  private result: Diagnostic[] = [];
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
      this.refresh(stream);
    }
    return this.result.slice();
  }

  private rebuild(stream: Stream): void {
    this.graph = new LintGraph();
    this.setters.clear();
    this.users.clear();
    this.usersIndexed = false;
    this.local.clear();
    this.groups.clear();
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
    this.env.start = this.start;
    const hasStart = g.root !== null;
    for (const [id, node] of g.nodes) {
      node.global = globalDiagnostics(node, hasStart);
      this.setGroup(id, localDiagnostics(id, node, node.from, this.env), node.global);
    }
    for (const [id, out] of g.orphans) this.setGroup(id, localDiagnostics(id, undefined, out, this.env), []);
    this.top = this.streamLevel();
    this.result = this.assemble(stream);
  }

  private setGroup(id: string, local: readonly Diagnostic[], global: readonly Diagnostic[]): void {
    if (local.length > 0) this.local.set(id, local);
    const merged = global.length === 0 ? local : local.length === 0 ? global : [...local, ...global].sort(compareDiagnostics);
    if (merged.length > 0) this.groups.set(id, merged);
  }

  private streamLevel(): Diagnostic[] {
    return [noStart(this.start, this.graph.root !== null), noTargetUrl(this.ctx)].filter((d) => d !== undefined);
  }

  /** Recomputes the diagnostics of what the batch touched and, when any changed, the sorted result. */
  private refresh(stream: Stream): void {
    const g = this.graph;
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
      // A removed card takes its graph-wide findings with it.
      if (!g.nodes.has(id) && this.groups.has(id)) dirty.add(id);
      const out = g.edgesFrom(id);
      const node = g.nodes.get(id);
      const next = node || out ? localDiagnostics(id, node, out, this.env) : [];
      const prev = this.local.get(id) ?? [];
      if (sameDiagnostics(prev, next)) continue;
      if (next.length === 0) this.local.delete(id);
      else this.local.set(id, next);
      dirty.add(id);
    }
    let changed = false;
    for (const id of dirty) {
      const local = this.local.get(id) ?? [];
      const global = g.nodes.get(id)?.global ?? [];
      const merged = global.length === 0 ? local : local.length === 0 ? global : [...local, ...global].sort(compareDiagnostics);
      if (sameDiagnostics(merged, this.groups.get(id) ?? [])) continue;
      if (merged.length === 0) this.groups.delete(id);
      else this.groups.set(id, merged);
      changed = true;
    }
    const top = this.streamLevel();
    if (!sameDiagnostics(top, this.top)) {
      this.top = top;
      changed = true;
    }
    if (changed || this.orderMoved(stream)) this.result = this.assemble(stream);
  }

  /** Whether a card with diagnostics moved in `stream.cards` (the result's order follows it); repairs positions. */
  private orderMoved(stream: Stream): boolean {
    for (const id of this.groups.keys()) {
      if (this.graph.nodes.has(id) && !this.cardPos.holds(stream.cards, id)) {
        this.cardPos.rebuild(stream.cards);
        return true;
      }
    }
    return false;
  }

  /** Stream-level findings (and edges leaving no card) first, then each card's in the order of `stream.cards`. */
  private assemble(stream: Stream): Diagnostic[] {
    const head: Diagnostic[] = [...this.top];
    const cardIds: string[] = [];
    for (const [id, list] of this.groups) {
      if (this.graph.nodes.has(id)) cardIds.push(id);
      else head.push(...list);
    }
    head.sort(compareDiagnostics);
    if (cardIds.length > stream.cards.length / 16) {
      // Many cards with findings (a full lint): walking the cards is cheaper than sorting by position.
      for (const card of stream.cards) {
        const list = this.groups.get(card.id);
        if (list) head.push(...list);
      }
      return head;
    }
    this.orderMoved(stream);
    cardIds.sort((a, b) => this.cardPos.get(a) - this.cardPos.get(b));
    for (const id of cardIds) head.push(...this.groups.get(id)!);
    return head;
  }
}
