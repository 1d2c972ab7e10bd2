import { cardRefs, type CardRef } from '../../shared/cards/cardLabel.ts';
import type { Card, Edge, Position, Stream } from '../../shared/stream/model.ts';
import type { CardFlowNode, CardNodeData, FlowEdge } from '../canvas/flowTypes.ts';

/** An immutable view of the draft for React: a new object on every change, its parts kept when unchanged. */
export interface DraftSnapshot {
  name: string;
  start: string | null;
  nodes: CardFlowNode[];
  edges: FlowEdge[];
}

/** What changed in the content (not the layout): lint and the inspector listen to this. */
export interface ContentChange {
  cards: string[];
  edges: string[];
  meta: boolean;
}

/**
 * The React-side copy of the draft: the model (cards, edges, name, start) plus the React Flow projection (nodes and
 * edges with local UI state: selection, measured size, drag). The Y.Doc stays the truth; this store is written by
 * the two one-way bindings (local edits after their transaction, remote changes from the observer) and by local UI
 * state changes (selection, a drag in progress), which never reach the doc until the drag stops.
 *
 * Node and edge objects are replaced only when they change, so React Flow re-renders only those.
 */
export class DraftStore {
  private cards = new Map<string, Card>();
  private edgeModel = new Map<string, Edge>();
  private nodeById = new Map<string, CardFlowNode>();
  private flowEdgeById = new Map<string, FlowEdge>();
  private name = '';
  private start: string | null = null;
  private snapshot: DraftSnapshot = { name: '', start: null, nodes: [], edges: [] };
  private listeners = new Set<() => void>();
  /** Told only when edges change: per-card subscriptions to edge facts stay silent on drag frames. */
  private edgeListeners = new Set<() => void>();
  private contentListeners = new Set<(c: ContentChange) => void>();
  /** Cards being dragged here: their local position wins over the doc's until the drop is written. */
  readonly dragging = new Set<string>();
  /** Card id → the ports its edges leave from, as a sorted key (so a card can show a handle for an edge whose port it does not define). */
  private outPortKeys = new Map<string, string>();
  /** Positions of cards a colleague is dragging right now (from awareness), shown until their drop lands. */
  private transient = new Map<string, Position>();
  /** How people know each card (`cardRefs`), built when first asked after a change of cards or edges. */
  private refs: ((id: string) => CardRef | undefined) | null = null;
  /** Names an edge by the cards it joins (the canvas sets it, in the chosen language); null: edges unnamed. */
  private edgeNamer: ((from: CardRef | undefined, to: CardRef | undefined) => string) | null = null;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): DraftSnapshot => this.snapshot;

  subscribeEdges = (fn: () => void): (() => void) => {
    this.edgeListeners.add(fn);
    return () => this.edgeListeners.delete(fn);
  };

  onContentChange(fn: (c: ContentChange) => void): () => void {
    this.contentListeners.add(fn);
    return () => this.contentListeners.delete(fn);
  }

  /** The model as lint, compile and export see it (cards and edges sorted by id, like `docToStream`). */
  stream(): Stream {
    const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return {
      name: this.name,
      start: this.start,
      cards: [...this.cards.values()].sort(byId),
      edges: [...this.edgeModel.values()].sort(byId),
    };
  }

  card(id: string): Card | undefined {
    return this.cards.get(id);
  }

  edge(id: string): Edge | undefined {
    return this.edgeModel.get(id);
  }

  hasCard(id: string): boolean {
    return this.cards.has(id);
  }

  /** Replaces everything (first load, or a resync). */
  reset(stream: Stream): void {
    this.cards.clear();
    this.edgeModel.clear();
    this.refs = null;
    this.outPortKeys.clear();
    this.nodeById.clear();
    this.flowEdgeById.clear();
    this.apply({
      name: stream.name,
      start: stream.start,
      cards: new Map(stream.cards.map((c) => [c.id, c])),
      edges: new Map(stream.edges.map((e) => [e.id, e])),
    });
  }

  /**
   * Applies what the doc now holds for some ids (`undefined` = removed). Cards keep their data object when the
   * doc's is the same, so a move alone does not count as a content change.
   */
  apply(patch: {
    name?: string;
    start?: string | null;
    cards?: Map<string, Card | undefined>;
    edges?: Map<string, Edge | undefined>;
  }): void {
    const change: ContentChange = { cards: [], edges: [], meta: false };
    let nodesDirty = false;
    let edgesDirty = false;
    if (patch.name !== undefined && patch.name !== this.name) {
      this.name = patch.name;
      change.meta = true;
    }
    if (patch.start !== undefined && patch.start !== this.start) {
      const old = this.start;
      this.start = patch.start;
      change.meta = true;
      for (const id of [old, patch.start]) if (id && this.refreshNode(id)) nodesDirty = true;
    }
    for (const [id, card] of patch.cards ?? []) {
      const old = this.cards.get(id);
      if (!card) {
        if (!old) continue;
        this.cards.delete(id);
        this.nodeById.delete(id);
        this.dragging.delete(id);
        change.cards.push(id);
        nodesDirty = true;
        continue;
      }
      this.cards.set(id, card);
      if (!old || old.type !== card.type || old.data !== card.data) change.cards.push(id);
      if (this.refreshNode(id)) nodesDirty = true;
    }
    for (const [id, edge] of patch.edges ?? []) {
      const old = this.edgeModel.get(id);
      if (!edge) {
        if (!old) continue;
        this.edgeModel.delete(id);
        this.flowEdgeById.delete(id);
      } else {
        if (old && old.from === edge.from && old.port === edge.port && old.to === edge.to) continue;
        this.edgeModel.set(id, edge);
        const prev = this.flowEdgeById.get(id);
        // Keeps the name it had until `nameEdges` (below) names it again.
        this.flowEdgeById.set(id, {
          ...toFlowEdge(edge, prev?.selected ?? false),
          ariaLabel: prev?.ariaLabel ?? UNNAMED,
        });
      }
      change.edges.push(id);
      edgesDirty = true;
    }
    if (edgesDirty) this.reindexPorts();
    if (patch.cards?.size || edgesDirty) this.refs = null;
    // A card's text, type or place, or an edge, may change the names of edges (a card that says nothing is named by
    // what leads to it, or by its number top to bottom): O(edges), never on a drag frame (those are `updateNodes`).
    if ((patch.cards?.size || edgesDirty) && this.nameEdges()) edgesDirty = true;
    this.publish(nodesDirty, edgesDirty, change.meta);
    if (change.cards.length || change.edges.length || change.meta) for (const fn of this.contentListeners) fn(change);
  }

  /**
   * Names every edge by the cards it joins (React Flow's `ariaLabel`, the edge's accessible name), now and after
   * every change; `null` leaves them unnamed. The canvas sets it again when the language changes.
   */
  setEdgeNamer(namer: ((from: CardRef | undefined, to: CardRef | undefined) => string) | null): void {
    this.edgeNamer = namer;
    this.publish(false, this.nameEdges(), false);
  }

  /**
   * How a person knows a card, never by its id (`cardRefs`: what it says, or its type and place); undefined for an
   * id that is no card. Lint rows and edge names use it.
   */
  cardRef = (id: string): CardRef | undefined => {
    this.refs ??= cardRefs(this.cards.values(), this.edgeModel.values());
    return this.refs(id);
  };

  /** Gives each edge its name; only edges whose name changed get a new object. Whether any did. */
  private nameEdges(): boolean {
    const namer = this.edgeNamer;
    if (!namer) return false;
    const refs = this.cardRef;
    let dirty = false;
    for (const [id, e] of this.flowEdgeById) {
      const name = namer(refs(e.source), refs(e.target));
      if (name === e.ariaLabel) continue;
      this.flowEdgeById.set(id, { ...e, ariaLabel: name });
      dirty = true;
    }
    return dirty;
  }

  /** Ports with an outgoing edge on a card, `\n`-joined and sorted ('' when none): a stable string for selectors. */
  outPorts = (cardId: string): string => this.outPortKeys.get(cardId) ?? '';

  /** Rebuilds the out-port index; O(edges), run only when edges change (never on a drag frame). */
  private reindexPorts(): void {
    const ports = new Map<string, Set<string>>();
    for (const e of this.edgeModel.values()) {
      const set = ports.get(e.from) ?? new Set<string>();
      set.add(e.port);
      ports.set(e.from, set);
    }
    const next = new Map<string, string>();
    for (const [card, set] of ports) next.set(card, [...set].sort().join('\n'));
    this.outPortKeys = next;
  }

  /** Local UI changes of nodes (React Flow's position, dimension and selection changes). */
  updateNodes(updates: Map<string, Partial<CardFlowNode>>): void {
    let dirty = false;
    for (const [id, u] of updates) {
      const node = this.nodeById.get(id);
      if (!node) continue;
      this.nodeById.set(id, { ...node, ...u });
      dirty = true;
    }
    this.publish(dirty, false, false);
  }

  updateEdges(updates: Map<string, Partial<FlowEdge>>): void {
    let dirty = false;
    for (const [id, u] of updates) {
      const edge = this.flowEdgeById.get(id);
      if (!edge) continue;
      this.flowEdgeById.set(id, { ...edge, ...u });
      dirty = true;
    }
    this.publish(false, dirty, false);
  }

  /** Sets which cards and edges are selected (local UI state). */
  select(cardIds: Iterable<string>, edgeIds: Iterable<string> = []): void {
    const cards = new Set(cardIds);
    const edges = new Set(edgeIds);
    const nodeUpdates = new Map<string, Partial<CardFlowNode>>();
    for (const [id, n] of this.nodeById)
      if (!!n.selected !== cards.has(id)) nodeUpdates.set(id, { selected: cards.has(id) });
    const edgeUpdates = new Map<string, Partial<FlowEdge>>();
    for (const [id, e] of this.flowEdgeById)
      if (!!e.selected !== edges.has(id)) edgeUpdates.set(id, { selected: edges.has(id) });
    this.updateNodes(nodeUpdates);
    this.updateEdges(edgeUpdates);
  }

  /** Positions colleagues are dragging (awareness); an empty map clears them. */
  setTransient(positions: Map<string, Position>): void {
    const touched = new Set([...this.transient.keys(), ...positions.keys()]);
    this.transient = positions;
    let dirty = false;
    for (const id of touched) if (!this.dragging.has(id) && this.refreshNode(id)) dirty = true;
    this.publish(dirty, false, false);
  }

  selectedCardIds(): string[] {
    return this.snapshot.nodes.filter((n) => n.selected).map((n) => n.id);
  }

  selectedEdgeIds(): string[] {
    return this.snapshot.edges.filter((e) => e.selected).map((e) => e.id);
  }

  /** Rebuilds one node from the model; returns whether anything changed. */
  private refreshNode(id: string): boolean {
    const card = this.cards.get(id);
    if (!card) return false;
    const prev = this.nodeById.get(id);
    const isStart = this.start === id;
    const data: CardNodeData =
      prev && prev.data.type === card.type && prev.data.data === card.data && prev.data.isStart === isStart
        ? prev.data
        : { type: card.type, data: card.data, isStart };
    const docPos = card.position ?? prev?.position ?? { x: 0, y: 0 };
    const position = this.dragging.has(id) && prev ? prev.position : (this.transient.get(id) ?? docPos);
    if (prev && prev.data === data && prev.position.x === position.x && prev.position.y === position.y) return false;
    this.nodeById.set(id, prev ? { ...prev, data, position } : { id, type: 'card', position, data });
    return true;
  }

  private publish(nodes: boolean, edges: boolean, meta: boolean): void {
    if (!nodes && !edges && !meta) return;
    this.snapshot = {
      name: this.name,
      start: this.start,
      nodes: nodes ? [...this.nodeById.values()] : this.snapshot.nodes,
      edges: edges ? [...this.flowEdgeById.values()] : this.snapshot.edges,
    };
    for (const fn of this.listeners) fn();
    if (edges) for (const fn of this.edgeListeners) fn();
  }
}

/**
 * React Flow names an edge without `ariaLabel` "Edge from <id> to <id>", English and raw ids; null means no name
 * (EdgeWrapper checks `=== null`, though its type leaves null out): an edge's name until `setEdgeNamer` gives one.
 */
const UNNAMED = null as unknown as string;

function toFlowEdge(e: Edge, selected: boolean): FlowEdge {
  return { id: e.id, source: e.from, target: e.to, sourceHandle: e.port, type: 'card', selected, ariaLabel: UNNAMED };
}
