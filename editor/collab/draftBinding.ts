import * as Y from 'yjs';
import * as ydoc from '../../shared/stream/ydoc.ts';
import type { Card, Edge, Position, Stream } from '../../shared/stream/model.ts';
import { DraftStore } from './draftStore.ts';

/**
 * Binds a draft's Y.Doc to a DraftStore with two one-way listeners (DESIGN §5):
 *  - local edits run in `doc.transact(fn, origin)` through shared/stream/ydoc.ts, then copy what they touched into
 *    the store;
 *  - the doc observer copies changes into the store only when their origin is not this editor's (a colleague's
 *    edit, or this user's undo/redo, whose origin is the UndoManager).
 * Undo is per user: the UndoManager tracks this editor's origin only, so it never reverts a colleague's work.
 */
/** Typing with pauses shorter than this is one undo step (structural edits are always steps of their own). */
const TYPING_STEP_MS = 1000;
/** How far cards after an inserted card move down to make room for it. */
const INSERT_SHIFT = 140;

export class DraftBinding {
  readonly store = new DraftStore();
  readonly undoManager: Y.UndoManager;
  /** Tags this editor's transactions; unique per binding. */
  readonly origin: { readonly editor: string };
  private stop: () => void;

  constructor(
    readonly doc: Y.Doc,
    store?: DraftStore,
  ) {
    if (store) this.store = store;
    this.origin = { editor: Math.random().toString(36).slice(2) };
    this.store.reset(ydoc.docToStream(doc));
    this.stop = ydoc.observeStream(doc, (change) => {
      if (change.origin === this.origin) return;
      this.pull(change.cards, change.edges, change.meta);
    });
    // The whole doc is the scope, so this module needs no map names (only ydoc.ts knows them).
    this.undoManager = new Y.UndoManager(doc, {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: TYPING_STEP_MS,
    });
  }

  destroy(): void {
    this.stop();
    this.undoManager.destroy();
  }

  /** Runs `fn` as one local transaction (one undo step) and copies what it changed into the store. */
  edit(fn: (doc: Y.Doc, origin: unknown) => void): void {
    const touched = { cards: new Set<string>(), edges: new Set<string>(), meta: new Set<string>() };
    const stop = ydoc.observeStream(this.doc, (c) => {
      if (c.origin !== this.origin) return;
      c.cards.forEach((id) => touched.cards.add(id));
      c.edges.forEach((id) => touched.edges.add(id));
      c.meta.forEach((k) => touched.meta.add(k));
    });
    try {
      this.doc.transact(() => fn(this.doc, this.origin), this.origin);
    } finally {
      stop();
    }
    this.pull([...touched.cards], [...touched.edges], [...touched.meta]);
  }

  /** Starts a new undo step (the next edit is not merged into the previous one). */
  checkpoint(): void {
    this.undoManager.stopCapturing();
  }

  addCards(cards: Card[], edges: Omit<Edge, 'id'>[] = []): void {
    this.checkpoint();
    this.edit((doc, o) => {
      for (const c of cards) ydoc.addCard(doc, c, o);
      for (const e of edges) ydoc.addEdge(doc, e, o);
    });
  }

  /**
   * Adds a card in the middle of an edge: `from → card → to`, leaving the card on `outPort` (its first port; a
   * card without ports keeps the branch's continuation on `next`, which lint then reports, e.g. a live chat that
   * is not last).
   */
  insertOnEdge(card: Card, edgeId: string, outPort: string | undefined): void {
    const e = this.store.edge(edgeId);
    if (!e) return this.addCards([card]);
    // The new card takes the place of the edge's target, and the target with everything after it moves down.
    const target = this.store.card(e.to);
    const placed = target?.position ? { ...card, position: { ...target.position } } : card;
    const below = this.descendants(e.to);
    this.checkpoint();
    this.edit((doc, o) => {
      ydoc.addCard(doc, placed, o);
      for (const id of below) {
        const p = this.store.card(id)?.position;
        if (p) ydoc.moveCard(doc, id, { x: p.x, y: p.y + INSERT_SHIFT }, o);
      }
      ydoc.removeEdge(doc, e.id, o);
      ydoc.addEdge(doc, { from: e.from, port: e.port, to: card.id }, o);
      ydoc.addEdge(doc, { from: card.id, port: outPort ?? 'next', to: e.to }, o);
    });
  }

  remove(cardIds: string[], edgeIds: string[]): void {
    if (!cardIds.length && !edgeIds.length) return;
    this.checkpoint();
    this.edit((doc, o) => {
      for (const id of edgeIds) ydoc.removeEdge(doc, id, o);
      if (cardIds.length) ydoc.removeCards(doc, cardIds, o);
      const start = this.store.getSnapshot().start;
      if (start && cardIds.includes(start)) ydoc.setStart(doc, null, o);
    });
  }

  move(positions: Map<string, Position>): void {
    if (!positions.size) return;
    this.checkpoint();
    this.edit((doc, o) => {
      for (const [id, p] of positions) ydoc.moveCard(doc, id, { x: Math.round(p.x), y: Math.round(p.y) }, o);
    });
  }

  /** Replaces a card's data; consecutive edits of one field within a moment merge into one undo step. */
  setData(id: string, data: unknown): void {
    this.edit((doc, o) => ydoc.setCardData(doc, id, data, o));
  }

  /**
   * The Y.Text of a text field of a card (see ydoc `cardText`), for binding an input to it (bindTextInput);
   * undefined while the field is missing (its first edit, through `setData`, creates it).
   */
  text(cardId: string, path: ydoc.DataPath): Y.Text | undefined {
    return ydoc.cardText(this.doc, cardId, path);
  }

  /** Runs an edit of one text (typing): merged into the current undo step while typing goes on. */
  editText(fn: () => void): void {
    this.edit(() => fn());
  }

  /** Connects a port; a port has one outgoing edge, so an existing edge on it is replaced. */
  connect(from: string, port: string, to: string, replacing: string[] = []): void {
    this.checkpoint();
    this.edit((doc, o) => {
      const stale = this.store
        .stream()
        .edges.filter((e) => e.from === from && e.port === port)
        .map((e) => e.id);
      for (const id of new Set([...stale, ...replacing])) ydoc.removeEdge(doc, id, o);
      ydoc.addEdge(doc, { from, port, to }, o);
    });
  }

  /** Replaces the whole draft (restoring a published version into it); one undo step. */
  replaceAll(stream: Stream): void {
    this.checkpoint();
    this.edit((doc, o) => ydoc.streamToDoc(stream, doc, o));
  }

  setStart(id: string | null): void {
    this.checkpoint();
    this.edit((doc, o) => ydoc.setStart(doc, id, o));
  }

  rename(name: string): void {
    this.checkpoint();
    this.edit((doc, o) => ydoc.rename(doc, name, o));
  }

  undo(): void {
    this.undoManager.undo();
  }

  redo(): void {
    this.undoManager.redo();
  }

  /** A card and every card reachable from it. */
  private descendants(from: string): Set<string> {
    const next = new Map<string, string[]>();
    for (const e of this.store.stream().edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const seen = new Set<string>();
    const todo = [from];
    while (todo.length) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      todo.push(...(next.get(id) ?? []));
    }
    return seen;
  }

  /** Copies the doc's current value of some ids into the store. */
  private pull(cardIds: string[], edgeIds: string[], meta: string[]): void {
    const cards = new Map(cardIds.map((id) => [id, ydoc.readCard(this.doc, id)] as const));
    const edges = new Map(edgeIds.map((id) => [id, ydoc.readEdge(this.doc, id)] as const));
    const patch: Parameters<DraftStore['apply']>[0] = { cards, edges };
    if (meta.length) {
      const s = ydoc.docToStream(this.doc);
      if (meta.includes('name')) patch.name = s.name;
      if (meta.includes('start')) patch.start = s.start;
    }
    this.store.apply(patch);
  }
}
