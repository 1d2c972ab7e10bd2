import * as Y from 'yjs';
import {
  applyTextDiff,
  fromY,
  isPlainObject,
  ITEM_VALUE,
  sameJson,
  shapeOfCard,
  toY,
  visibleItems,
  writeValue,
  type Shape,
} from './ydocCardData.ts';
import { getCard } from '../cards/index.ts';
import type { CardDefinition } from '../cards/defineCard.ts';
import { migrateCardData } from '../cards/migrateCardData.ts';
import { edgeId, NEXT_PORT, type Card, type Edge, type Position, type Stream } from './model.ts';

/**
 * THE module that knows how a draft stream is laid out in its Y.Doc (DESIGN §5). Everything else (editor canvas,
 * collab server, runtime import/publish) goes through these functions.
 *
 * Layout, version 2:
 *   meta:  Y.Map  { name: string, start: string | null, layoutVersion: 2 }
 *   cards: Y.Map<cardId, Y.Map { type: string, data: Y.Map (nested, see below), dataVersion?: number, x?, y? }>
 *   edges: Y.Map<edgeId, { from, port, to }>   (plain JSON values: an edge is replaced, never edited)
 *
 * Each card is its own Y.Map so that one person moving a card (x, y) and another editing it (data) do not
 * overwrite each other. Its `data` is nested shared types laid out from the card's schema (ydocCardData.ts):
 * every text a Y.Text, every list a Y.Array of Y.Maps with stable ids, other values plain keys. Two people typing
 * in one text, or editing two fields of one card, both keep their edits. What comes back is checked by the card's
 * schema in lint, as before: a peer that writes something malformed gets a lint finding, never an exception.
 *
 * `dataVersion` is the card type's data version the data was written at (shared/cards, `version`), left out while it
 * is 1. Data written at an older version (by an older editor, or stored before a card type changed) is read through
 * the type's migrations, and `migrateCardVersions` rewrites it once when the draft is opened.
 *
 * Layout 1 (up to this version) kept `data` as one plain value, so concurrent edits of one card overwrote each
 * other. `migrateLayout` turns such a doc into layout 2; the reader still reads a layout-1 card (its data as is).
 *
 * Values read from the doc are copies: write through the helpers.
 */
export const LAYOUT_VERSION = 2;

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
  const card: Card = { id, type: typeof type === 'string' ? type : '', data: currentData(y, readData(y)) };
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

/**
 * Sets a card's data to `data`, writing only what differs (texts by their smallest delta, lists item by item), so
 * that it merges with colleagues' concurrent edits of the same card.
 */
export function setCardData(doc: Y.Doc, id: string, data: unknown, origin?: unknown): void {
  const y = maps(doc).cards.get(id);
  if (!(y instanceof Y.Map)) return;
  doc.transact(() => writeValue(y, 'data', data, shapeOf(y)), origin);
}

/** Sets some top-level fields of a card's data (`undefined` removes a field), leaving the others as they are. */
export function updateCardData(doc: Y.Doc, id: string, partial: Record<string, unknown>, origin?: unknown): void {
  const y = maps(doc).cards.get(id);
  if (!(y instanceof Y.Map)) return;
  const shape = shapeOf(y);
  doc.transact(() => {
    const data = y.get('data');
    if (!(data instanceof Y.Map) || data.has(ITEM_VALUE)) {
      const base = isPlainObject(fromY(data)) ? (fromY(data) as Record<string, unknown>) : {};
      return writeValue(y, 'data', { ...base, ...partial }, shape);
    }
    const fields = shape.kind === 'object' ? shape.fields : {};
    for (const [k, v] of Object.entries(partial)) writeValue(data, k, v, fields[k] ?? { kind: 'atom' });
  }, origin);
}

/** A path to a value inside a card's data: field names, and in lists an item's id (string) or index (number). */
export type DataPath = readonly (string | number)[];

/**
 * The Y.Text of a text field of a card (e.g. `['prompt']`, `['answers', 'a1', 'label']`, `['options', 2]`), for
 * binding a text input to it; `undefined` when the card, the item or the text is not there (yet).
 */
export function cardText(doc: Y.Doc, id: string, path: DataPath): Y.Text | undefined {
  const y = maps(doc).cards.get(id);
  if (!(y instanceof Y.Map)) return undefined;
  let at: unknown = y.get('data');
  for (const key of path) {
    at = child(at, key);
    if (at instanceof Y.Map && at.has(ITEM_VALUE)) at = at.get(ITEM_VALUE);
  }
  return at instanceof Y.Text ? at : undefined;
}

/**
 * `cardText`, creating the text (empty) when its field is missing but the object that would hold it exists and the
 * card's schema says the field is a text. Runs in its own transaction when it creates one.
 */
export function ensureCardText(doc: Y.Doc, id: string, path: DataPath, origin?: unknown): Y.Text | undefined {
  const found = cardText(doc, id, path);
  if (found || path.length === 0) return found;
  const y = maps(doc).cards.get(id);
  if (!(y instanceof Y.Map)) return undefined;
  let shape: Shape = shapeOf(y);
  let at: unknown = y.get('data');
  for (const key of path.slice(0, -1)) {
    shape =
      shape.kind === 'object'
        ? (shape.fields[String(key)] ?? { kind: 'atom' })
        : shape.kind === 'list'
          ? shape.item
          : shape;
    at = child(at, key);
    if (at instanceof Y.Map && at.has(ITEM_VALUE)) at = at.get(ITEM_VALUE);
  }
  const last = String(path[path.length - 1]);
  const fieldShape = shape.kind === 'object' ? shape.fields[last] : undefined;
  if (!(at instanceof Y.Map) || fieldShape?.kind !== 'text' || at.get(last) !== undefined) return undefined;
  const map = at;
  doc.transact(() => map.set(last, new Y.Text('')), origin);
  return cardText(doc, id, path);
}

/** Sets a text field by its smallest delta (see `cardText`); false when there is no such text. */
export function setCardText(doc: Y.Doc, id: string, path: DataPath, value: string, origin?: unknown): boolean {
  const text = ensureCardText(doc, id, path, origin);
  if (!text) return false;
  doc.transact(() => applyTextDiff(text, value), origin);
  return true;
}

/** The layout version of a doc: what its meta says; without a marker, 1 when a card holds plain data. */
export function layoutOf(doc: Y.Doc): number {
  const m = maps(doc);
  const v = m.meta.get('layoutVersion');
  if (typeof v === 'number') return v;
  for (const y of m.cards.values()) {
    if (y instanceof Y.Map && y.has('data') && !(y.get('data') instanceof Y.AbstractType)) return 1;
  }
  return LAYOUT_VERSION;
}

/**
 * Turns a layout-1 doc into layout 2, in place and in one transaction: each card's plain `data` becomes nested
 * shared types holding the same values. Nothing else changes (ids, positions, edges, name, start). Answers whether
 * it changed anything; a doc already on layout 2 (or newer) is left alone.
 */
export function migrateLayout(doc: Y.Doc, origin?: unknown): boolean {
  if (layoutOf(doc) >= 2) return false;
  const m = maps(doc);
  doc.transact(() => {
    for (const y of m.cards.values()) {
      if (!(y instanceof Y.Map)) continue;
      const data = y.get('data');
      if (!(data instanceof Y.AbstractType)) y.set('data', toY(data ?? {}, shapeOf(y)));
    }
    m.meta.set('layoutVersion', LAYOUT_VERSION);
  }, origin);
  return true;
}

/** The version a card's data was written at (missing: 1, the first). */
function dataVersionOf(y: Y.Map<unknown>): number {
  const v = y.get('dataVersion');
  return typeof v === 'number' ? v : 1;
}

/**
 * A card's data as its type's current version reads it: older data goes through the type's migrations (a data
 * version this Tributary cannot migrate is returned as stored, and lints as invalid card data).
 */
function currentData(y: Y.Map<unknown>, data: unknown, lookup: (type: string) => CardDefinition | undefined = getCard) {
  const type = y.get('type');
  const def = typeof type === 'string' ? lookup(type) : undefined;
  const from = dataVersionOf(y);
  if (!def || from >= def.version) return data;
  const migrated = migrateCardData(def, data, from);
  return migrated.ok ? migrated.data : data;
}

/**
 * Rewrites, in one transaction, the data of every card written at an older data version of its type through the
 * type's migrations (when a draft is opened: `runtime/server/collab/migrateDraft.ts`), so that editors work on
 * current data. Cards it cannot migrate (a newer version, a gap) are left as they are. Answers whether it changed
 * anything. `lookup` finds a card type's definition (the catalog's by default).
 */
export function migrateCardVersions(
  doc: Y.Doc,
  origin?: unknown,
  lookup: (type: string) => CardDefinition | undefined = getCard,
): boolean {
  const m = maps(doc);
  const stale: Y.Map<unknown>[] = [];
  for (const y of m.cards.values()) {
    if (!(y instanceof Y.Map)) continue;
    const type = y.get('type');
    const def = typeof type === 'string' ? lookup(type) : undefined;
    if (def && dataVersionOf(y) < def.version) stale.push(y);
  }
  if (!stale.length) return false;
  let changed = false;
  doc.transact(() => {
    for (const y of stale) {
      const def = lookup(y.get('type') as string)!;
      const migrated = migrateCardData(def, fromY(y.get('data')) ?? {}, dataVersionOf(y));
      if (!migrated.ok) continue;
      y.set('data', toY(migrated.data ?? {}, shapeOfCard(def.type)));
      y.set('dataVersion', def.version);
      changed = true;
    }
  }, origin);
  return changed;
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
      else {
        // Something inside one card changed (a field, a text, a list item): its Y.Map sits in `cards` under the id.
        const id = cardIdOf(type, m.cards);
        if (id !== undefined) cards.add(id);
      }
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

/** The id of the card a nested shared type belongs to. */
function cardIdOf(type: Y.AbstractType<any>, cards: Y.AbstractType<any>): string | undefined {
  let t: Y.AbstractType<any> | null = type;
  for (let depth = 0; t?._item && depth < 64; depth++) {
    const parent = t._item.parent as Y.AbstractType<any> | null;
    if (parent === cards) return t._item.parentSub ?? undefined;
    t = parent;
  }
  return undefined;
}

/** A card's data read back as JSON. The object of the previous read is returned while nothing in it changed, so a
 * card that only moved keeps its data object (the canvas and lint compare data by identity). */
const lastRead = new WeakMap<Y.Map<unknown>, unknown>();
function readData(y: Y.Map<unknown>): unknown {
  const raw = y.get('data');
  if (!(raw instanceof Y.AbstractType)) return raw ?? {};
  const data = fromY(raw);
  const last = lastRead.get(y);
  if (last !== undefined && sameJson(last, data)) return last;
  lastRead.set(y, data);
  return data;
}

function shapeOf(card: Y.Map<unknown>): Shape {
  const type = card.get('type');
  return shapeOfCard(typeof type === 'string' ? type : '');
}

/** One step down a path inside card data: a map's key, or a list item by id (string) or visible index (number). */
function child(at: unknown, key: string | number): unknown {
  if (at instanceof Y.Map) return at.get(String(key));
  if (at instanceof Y.Array) {
    const items = visibleItems(at);
    if (typeof key === 'number') return items[key];
    return items.find((x) => x instanceof Y.Map && (x.get('id') === key || x.get('$id') === key));
  }
  return undefined;
}

function cardMap(card: Card): Y.Map<unknown> {
  const y = new Y.Map<unknown>();
  y.set('type', card.type);
  // The model's data is always at its type's current version (parseStream and readCard migrate it).
  const version = getCard(card.type)?.version ?? 1;
  if (version > 1) y.set('dataVersion', version);
  y.set('data', toY(card.data ?? {}, shapeOfCard(card.type)));
  if (card.position) {
    y.set('x', card.position.x);
    y.set('y', card.position.y);
  }
  return y;
}

function ensureVersion(m: Maps): void {
  if (m.meta.get('layoutVersion') === undefined) m.meta.set('layoutVersion', LAYOUT_VERSION);
}
