import * as Y from 'yjs';
import { edgeId, NEXT_PORT, type Card, type Edge, type Position, type Stream } from './model.ts';

/**
 * THE module that knows how a draft stream is laid out in its Y.Doc (DESIGN §5). Everything else (editor canvas,
 * collab server, runtime import/publish) goes through these functions.
 *
 * Layout, version 1:
 *   meta:  Y.Map  { name: string, start: string | null, layoutVersion: number }
 *   cards: Y.Map<cardId, Y.Map { type: string, data: JSON value, x?: number, y?: number }>
 *   edges: Y.Map<edgeId, { from, port, to }>   (plain JSON values: an edge is replaced, never edited)
 *
 * Each card is its own Y.Map so that one person moving a card (x, y) and another editing it (data) do not
 * overwrite each other. `data` is one plain value: two concurrent edits of the same card's data resolve to one of
 * them as a whole, which keeps a card's data always consistent with its schema's cross-field rules.
 *
 * Values read from the doc are shared with it: treat them as immutable and write through the helpers.
 */
export const LAYOUT_VERSION = 1;

const META = 'meta';
const CARDS = 'cards';
const EDGES = 'edges';

interface Maps {
  meta: Y.Map<unknown>;
  cards: Y.Map<Y.Map<unknown>>;
  edges: Y.Map<unknown>;
}

function maps(doc: Y.Doc): Maps {
  return {
    meta: doc.getMap<unknown>(META),
    cards: doc.getMap<Y.Map<unknown>>(CARDS),
    edges: doc.getMap<unknown>(EDGES),
  };
}

/** Writes `stream` into `doc` (replacing what it held) in one transaction; returns the doc. */
export function streamToDoc(stream: Stream, doc: Y.Doc = new Y.Doc(), origin?: unknown): Y.Doc {
  const m = maps(doc);
  doc.transact(() => {
    m.cards.clear();
    m.edges.clear();
    m.meta.set('layoutVersion', LAYOUT_VERSION);
    m.meta.set('name', stream.name);
    m.meta.set('start', stream.start);
    for (const card of stream.cards) m.cards.set(card.id, cardMap(card));
    for (const e of stream.edges) m.edges.set(e.id, { from: e.from, port: e.port, to: e.to });
  }, origin);
  return doc;
}

/**
 * Reads the stream out of `doc`. Cards and edges come sorted by id, so every peer derives the same stream whatever
 * order updates arrived in. Entries a faulty peer wrote in a shape this layout does not know are skipped (a card
 * with a non-string type keeps an empty type, which lints as `unknown-card-type`), never thrown on.
 */
export function docToStream(doc: Y.Doc): Stream {
  const m = maps(doc);
  const version = m.meta.get('layoutVersion');
  if (typeof version === 'number' && version > LAYOUT_VERSION) {
    throw new Error(`this stream was saved by a newer Tributary (layout ${version}; this one reads ${LAYOUT_VERSION})`);
  }
  const name = m.meta.get('name');
  const start = m.meta.get('start');
  const cards: Card[] = [];
  for (const id of [...m.cards.keys()].sort()) {
    const card = readCard(doc, id);
    if (card) cards.push(card);
  }
  const edges: Edge[] = [];
  for (const id of [...m.edges.keys()].sort()) {
    const edge = readEdge(doc, id);
    if (edge) edges.push(edge);
  }
  return { name: typeof name === 'string' ? name : '', start: typeof start === 'string' ? start : null, cards, edges };
}

/** One card as the model sees it, or `undefined` when there is none (or it is not a card). */
export function readCard(doc: Y.Doc, id: string): Card | undefined {
  const y = maps(doc).cards.get(id);
  if (!(y instanceof Y.Map)) return undefined;
  const type = y.get('type');
  const card: Card = { id, type: typeof type === 'string' ? type : '', data: y.get('data') ?? {} };
  const x = y.get('x');
  const yy = y.get('y');
  if (typeof x === 'number' && typeof yy === 'number') card.position = { x, y: yy };
  return card;
}

/** One edge, or `undefined` when there is none (or it is malformed). */
export function readEdge(doc: Y.Doc, id: string): Edge | undefined {
  const v = maps(doc).edges.get(id) as Partial<Record<'from' | 'port' | 'to', unknown>> | undefined;
  if (!v || typeof v !== 'object') return undefined;
  const { from, port, to } = v;
  if (typeof from !== 'string' || typeof port !== 'string' || typeof to !== 'string') return undefined;
  return { id, from, port, to };
}

export function addCard(doc: Y.Doc, card: Card, origin?: unknown): void {
  const m = maps(doc);
  doc.transact(() => {
    ensureVersion(m);
    m.cards.set(card.id, cardMap(card));
  }, origin);
}

/** Removes cards and every edge into or out of them. */
export function removeCards(doc: Y.Doc, ids: Iterable<string>, origin?: unknown): void {
  const m = maps(doc);
  const gone = new Set(ids);
  doc.transact(() => {
    for (const id of gone) m.cards.delete(id);
    for (const edgeKey of [...m.edges.keys()]) {
      const e = readEdge(doc, edgeKey);
      if (!e || gone.has(e.from) || gone.has(e.to)) m.edges.delete(edgeKey);
    }
  }, origin);
}

export function moveCard(doc: Y.Doc, id: string, position: Position, origin?: unknown): void {
  const y = maps(doc).cards.get(id);
  if (!(y instanceof Y.Map)) return;
  doc.transact(() => {
    y.set('x', position.x);
    y.set('y', position.y);
  }, origin);
}

/** Replaces a card's data. */
export function setCardData(doc: Y.Doc, id: string, data: unknown, origin?: unknown): void {
  const y = maps(doc).cards.get(id);
  if (!(y instanceof Y.Map)) return;
  doc.transact(() => y.set('data', data), origin);
}

/** Merges `partial` into a card's (object) data, replacing top-level fields. */
export function updateCardData(doc: Y.Doc, id: string, partial: Record<string, unknown>, origin?: unknown): void {
  const y = maps(doc).cards.get(id);
  if (!(y instanceof Y.Map)) return;
  const old = y.get('data');
  const base = old && typeof old === 'object' && !Array.isArray(old) ? (old as Record<string, unknown>) : {};
  doc.transact(() => y.set('data', { ...base, ...partial }), origin);
}

/** Adds an edge; its id is derived from its ends (see `edgeId`) unless given. Returns the id. */
export function addEdge(
  doc: Y.Doc,
  edge: { from: string; port?: string; to: string; id?: string },
  origin?: unknown,
): string {
  const m = maps(doc);
  const port = edge.port ?? NEXT_PORT;
  let id = edge.id ?? edgeId(edge.from, port, edge.to);
  for (let n = 1; edge.id === undefined && m.edges.has(id); n++) id = edgeId(edge.from, port, edge.to, n);
  doc.transact(() => {
    ensureVersion(m);
    m.edges.set(id, { from: edge.from, port, to: edge.to });
  }, origin);
  return id;
}

export function removeEdge(doc: Y.Doc, id: string, origin?: unknown): void {
  const m = maps(doc);
  doc.transact(() => m.edges.delete(id), origin);
}

export function setStart(doc: Y.Doc, id: string | null, origin?: unknown): void {
  const m = maps(doc);
  doc.transact(() => {
    ensureVersion(m);
    m.meta.set('start', id);
  }, origin);
}

export function rename(doc: Y.Doc, name: string, origin?: unknown): void {
  const m = maps(doc);
  doc.transact(() => {
    ensureVersion(m);
    m.meta.set('name', name);
  }, origin);
}

/** What one transaction changed: ids of cards and edges added, removed or edited, and meta keys (`name`, `start`). */
export interface StreamChange {
  cards: string[];
  edges: string[];
  meta: string[];
  /** The transaction's origin (the one passed to the helpers), e.g. to tell local edits from remote ones. */
  origin: unknown;
  local: boolean;
}

/**
 * Calls `cb` after every transaction that changed the stream, naming what changed, so that lint and the canvas
 * can update only those cards and edges. Returns the function that stops observing.
 */
export function observeStream(doc: Y.Doc, cb: (change: StreamChange) => void): () => void {
  const m = maps(doc);
  const handler = (tr: Y.Transaction) => {
    const cards = new Set<string>();
    const edges = new Set<string>();
    const meta = new Set<string>();
    for (const [changed, keys] of tr.changed) {
      const type = changed as Y.AbstractType<any>;
      if (type === m.cards) addKeys(cards, keys);
      else if (type === m.edges) addKeys(edges, keys);
      else if (type === m.meta) addKeys(meta, keys);
      // A field of one card changed: its Y.Map sits in `cards` under the card id.
      else if (type._item?.parent === m.cards && type._item.parentSub !== null) cards.add(type._item.parentSub);
    }
    if (cards.size + edges.size + meta.size === 0) return;
    cb({ cards: [...cards], edges: [...edges], meta: [...meta], origin: tr.origin, local: tr.local });
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

function addKeys(into: Set<string>, keys: Set<string | null>): void {
  for (const k of keys) if (k !== null) into.add(k);
}

function cardMap(card: Card): Y.Map<unknown> {
  const y = new Y.Map<unknown>();
  y.set('type', card.type);
  y.set('data', card.data ?? {});
  if (card.position) {
    y.set('x', card.position.x);
    y.set('y', card.position.y);
  }
  return y;
}

function ensureVersion(m: Maps): void {
  if (m.meta.get('layoutVersion') === undefined) m.meta.set('layoutVersion', LAYOUT_VERSION);
}
