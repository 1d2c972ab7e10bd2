import * as Y from 'yjs';
import type { z } from 'zod';
import { getCard } from '../cards/index.ts';
import { fieldMeta } from '../cards/fieldMeta.ts';
import { attributeNameSchema } from './attributeName.ts';
import { textDiff } from './textDiff.ts';

/**
 * How a card's data lives in the Y.Doc since layout 2. Private to shared/stream/ydoc.ts, the one module that knows
 * the layout: nothing else imports this file.
 *
 * The card's schema says what each value becomes, so that two people editing one card merge field by field:
 *  - a free text (`z.string()`: texts with tokens, labels, names, URLs) is a Y.Text, edited by minimal deltas;
 *  - an object is a Y.Map with one key per field;
 *  - a list is a Y.Array of Y.Maps with a stable id: the item's own `id` when it has one (answers, branches),
 *    otherwise a generated `$id`, the value then sitting under `$value` (picklist options);
 *  - everything else is a plain value, replaced whole (enums, numbers, booleans, attribute names, routing and
 *    condition unions: picking another choice is one decision, and half of two choices would be neither).
 * Values the schema does not describe, or that do not have the shape it expects, are stored as plain values:
 * a malformed card still round-trips and lints, it is never rejected here.
 */
export type Shape =
  | { kind: 'text' }
  | { kind: 'object'; fields: Record<string, Shape> }
  | { kind: 'list'; item: Shape }
  | { kind: 'atom' };

const ATOM: Shape = { kind: 'atom' };
/** Key of a list item's generated id (items without an `id` of their own). */
export const ITEM_ID = '$id';
/** Key of a list item's value when it is not an object with fields (e.g. a picklist option). */
export const ITEM_VALUE = '$value';

const shapes = new Map<string, Shape>();

/** The layout shape of a card type's data (an unknown type: plain values only). */
export function shapeOfCard(type: string): Shape {
  let shape = shapes.get(type);
  if (!shape) {
    const def = getCard(type);
    shape = def ? shapeOf(def.schema) : ATOM;
    shapes.set(type, shape);
  }
  return shape;
}

function shapeOf(schema: z.ZodType, widget?: string): Shape {
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  // The inspector's widget for the field (card schema metadata), wherever on the wrappers it was registered.
  const kind = widget ?? fieldMeta.get(schema)?.widget?.kind;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return shapeOf(def.innerType, kind);
    case 'pipe':
      return shapeOf(def.in, kind);
    case 'string':
      // Prose is typed in a text box; an identifier (an attribute name picked from a list, a choice) is not: it is
      // replaced whole, since half of two names is neither.
      return schema === attributeNameSchema || (kind !== undefined && kind !== 'text') ? ATOM : { kind: 'text' };
    case 'object': {
      const fields: Record<string, Shape> = {};
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        // A list item's id is its identity: never merged character by character.
        fields[key] = key === 'id' ? ATOM : shapeOf(field);
      }
      return { kind: 'object', fields };
    }
    case 'array':
      return { kind: 'list', item: shapeOf(def.element) };
    default:
      return ATOM;
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType);
}

/** The shared value that holds `value` (prelim: it becomes live when set into the doc). */
export function toY(value: unknown, shape: Shape): unknown {
  if (shape.kind === 'text' && typeof value === 'string') return new Y.Text(value);
  if (shape.kind === 'object' && isPlainObject(value)) {
    const map = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(value)) if (v !== undefined) map.set(k, toY(v, shape.fields[k] ?? ATOM));
    return map;
  }
  if (shape.kind === 'list' && Array.isArray(value)) {
    const arr = new Y.Array<Y.Map<unknown>>();
    arr.push(value.map((v) => toItem(v, shape.item)));
    return arr;
  }
  return value === undefined ? null : value;
}

function toItem(value: unknown, shape: Shape): Y.Map<unknown> {
  if (isObjectItem(value, shape)) {
    const map = toY(value, shape) as Y.Map<unknown>;
    if (typeof value.id !== 'string') map.set(ITEM_ID, newId());
    return map;
  }
  const map = new Y.Map<unknown>();
  map.set(ITEM_ID, newId());
  map.set(ITEM_VALUE, toY(value, shape));
  return map;
}

function isObjectItem(value: unknown, shape: Shape): value is Record<string, unknown> {
  return shape.kind === 'object' && isPlainObject(value);
}

function newId(): string {
  return Math.random().toString(36).slice(2, 10);
}

/**
 * The plain value of something read from the doc. Never throws: whatever a peer wrote comes back as JSON for the
 * schema (lint) to judge. In lists, an item whose id was already seen is skipped (two people moving the same answer
 * at once each re-insert it; the first copy wins).
 */
export function fromY(v: unknown): unknown {
  if (v instanceof Y.Text) return v.toString();
  if (v instanceof Y.Map) {
    if (v.has(ITEM_VALUE)) return fromY(v.get(ITEM_VALUE));
    const out: Record<string, unknown> = {};
    for (const [k, x] of v.entries()) if (k !== ITEM_ID) out[k] = fromY(x);
    return out;
  }
  if (v instanceof Y.Array) {
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (const item of v.toArray()) {
      const id = itemId(item);
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      out.push(fromY(item));
    }
    return out;
  }
  if (v instanceof Y.AbstractType) return v.toJSON();
  return v;
}

/** A list item's stable id, if it has one. */
export function itemId(item: unknown): string | undefined {
  if (!(item instanceof Y.Map)) return undefined;
  const id = item.get('id') ?? item.get(ITEM_ID);
  return typeof id === 'string' ? id : undefined;
}

/** The visible items of a list (duplicates of an id skipped), as `fromY` reads them. */
export function visibleItems(arr: Y.Array<unknown>): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const item of arr.toArray()) {
    const id = itemId(item);
    if (id !== undefined) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    out.push(item);
  }
  return out;
}

/**
 * Writes `value` under `key` of `parent`, changing only what differs: a text by the smallest delta (common prefix
 * and suffix kept), an object key by key, a list item by item (matched by id, else by position). So even a caller
 * that replaces a card's whole data merges with a colleague's concurrent edit of another field, or of another part
 * of the same text.
 */
export function writeValue(parent: Y.Map<unknown>, key: string, value: unknown, shape: Shape): void {
  const cur = parent.get(key);
  if (value === undefined) {
    if (parent.has(key)) parent.delete(key);
    return;
  }
  if (shape.kind === 'text' && typeof value === 'string') {
    if (cur instanceof Y.Text) applyTextDiff(cur, value);
    else parent.set(key, new Y.Text(value));
    return;
  }
  if (shape.kind === 'object' && isPlainObject(value)) {
    if (cur instanceof Y.Map && !cur.has(ITEM_VALUE)) writeFields(cur, value, shape);
    else parent.set(key, toY(value, shape));
    return;
  }
  if (shape.kind === 'list' && Array.isArray(value)) {
    if (cur instanceof Y.Array) writeList(cur, value, shape.item);
    else parent.set(key, toY(value, shape));
    return;
  }
  if (cur instanceof Y.AbstractType || !sameJson(cur, value)) parent.set(key, value);
}

/** Writes the fields of an object into its Y.Map (fields not in `value` are removed; `$id` is kept). */
export function writeFields(map: Y.Map<unknown>, value: Record<string, unknown>, shape: Shape): void {
  const fields = shape.kind === 'object' ? shape.fields : {};
  for (const k of [...map.keys()]) if (k !== ITEM_ID && value[k] === undefined) map.delete(k);
  for (const [k, v] of Object.entries(value)) writeValue(map, k, v, fields[k] ?? ATOM);
}

function writeList(arr: Y.Array<unknown>, values: unknown[], shape: Shape): void {
  const ids = values.map((v) => (isPlainObject(v) && typeof v.id === 'string' ? v.id : undefined));
  if (values.length > 0 && ids.every((id) => id !== undefined) && new Set(ids).size === ids.length) {
    writeListById(arr, values, ids as string[], shape);
  } else {
    writeListByPosition(arr, values, shape);
  }
}

/** Items with ids: removed ones go, the others are edited in place, new ones come in, moved ones are re-inserted. */
function writeListById(arr: Y.Array<unknown>, values: unknown[], ids: string[], shape: Shape): void {
  const wanted = new Set(ids);
  const seen = new Set<string>();
  const items = arr.toArray();
  for (let i = items.length - 1; i >= 0; i--) {
    const id = itemId(items[i]);
    if (id === undefined || !wanted.has(id)) arr.delete(i, 1);
  }
  // Drop later duplicates of an id (kept first, as fromY reads them).
  const kept = arr.toArray();
  for (let i = 0; i < kept.length; i++) {
    const id = itemId(kept[i])!;
    if (seen.has(id)) {
      arr.delete(i, 1);
      kept.splice(i--, 1);
    } else seen.add(id);
  }
  for (let i = 0; i < values.length; i++) {
    const current = arr.length > i ? arr.get(i) : undefined;
    if (itemId(current) === ids[i]) {
      writeItem(arr, i, current as Y.Map<unknown>, values[i], shape);
      continue;
    }
    const later = arr.toArray().findIndex((x, j) => j > i && itemId(x) === ids[i]);
    if (later >= 0) arr.delete(later, 1);
    arr.insert(i, [toItem(values[i], shape)]);
  }
  if (arr.length > values.length) arr.delete(values.length, arr.length - values.length);
}

/** Items without ids (picklist options): common head and tail kept, the middle edited in place, the rest added or
 * removed. */
function writeListByPosition(arr: Y.Array<unknown>, values: unknown[], shape: Shape): void {
  const items = visibleItems(arr);
  if (items.length !== arr.length) {
    // Duplicated ids (a concurrent move): start from the visible items.
    arr.delete(0, arr.length);
    arr.insert(
      0,
      values.map((v) => toItem(v, shape)),
    );
    return;
  }
  const current = items.map(fromY);
  let head = 0;
  while (head < current.length && head < values.length && sameJson(current[head], values[head])) head++;
  let tail = 0;
  while (
    tail < current.length - head &&
    tail < values.length - head &&
    sameJson(current[current.length - 1 - tail], values[values.length - 1 - tail])
  )
    tail++;
  const oldMid = current.length - head - tail;
  const newMid = values.length - head - tail;
  const common = Math.min(oldMid, newMid);
  for (let i = 0; i < common; i++) writeItem(arr, head + i, items[head + i] as Y.Map<unknown>, values[head + i], shape);
  if (oldMid > common) arr.delete(head + common, oldMid - common);
  if (newMid > common) {
    arr.insert(
      head + common,
      values.slice(head + common, head + newMid).map((v) => toItem(v, shape)),
    );
  }
}

function writeItem(arr: Y.Array<unknown>, index: number, item: unknown, value: unknown, shape: Shape): void {
  const wrapped = !isObjectItem(value, shape);
  if (!(item instanceof Y.Map) || wrapped !== item.has(ITEM_VALUE)) {
    arr.delete(index, 1);
    arr.insert(index, [toItem(value, shape)]);
    return;
  }
  if (wrapped) writeValue(item, ITEM_VALUE, value, shape);
  else writeFields(item, value as Record<string, unknown>, shape);
}

/** Turns `text` into `next` with one delete and one insert between their common prefix and suffix. */
export function applyTextDiff(text: Y.Text, next: string): void {
  const cur = text.toString();
  if (cur === next) return;
  const { index, remove, insert } = textDiff(cur, next);
  if (remove > 0) text.delete(index, remove);
  if (insert) text.insert(index, insert);
}

/** Deep equality of JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as any)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as any)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as any)[k], (b as any)[k]));
}
