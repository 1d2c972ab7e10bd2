import type { Card, Edge, Stream } from '../../shared/stream/model.ts';
import { canonicalJson } from '../../shared/compile/canonicalJson.ts';

export interface CardChange {
  id: string;
  type: string;
  before: Card;
  after: Card;
  /** Top-level data fields (and `type`) that differ. */
  fields: string[];
}

export interface StreamDiff {
  added: Card[];
  removed: Card[];
  changed: CardChange[];
  edgesAdded: Edge[];
  edgesRemoved: Edge[];
  startChanged: boolean;
  nameChanged: boolean;
}

/** What changed between two versions of a stream: cards added, removed, changed (layout ignored), and edges. */
export function diffStreams(before: Stream, after: Stream): StreamDiff {
  const old = new Map(before.cards.map((c) => [c.id, c]));
  const now = new Map(after.cards.map((c) => [c.id, c]));
  const changed: CardChange[] = [];
  for (const [id, b] of old) {
    const a = now.get(id);
    if (!a) continue;
    const fields = changedFields(b, a);
    if (fields.length) changed.push({ id, type: a.type, before: b, after: a, fields });
  }
  const key = (e: Edge) => `${e.from}\u0000${e.port}\u0000${e.to}`;
  const oldEdges = new Set(before.edges.map(key));
  const newEdges = new Set(after.edges.map(key));
  return {
    added: after.cards.filter((c) => !old.has(c.id)),
    removed: before.cards.filter((c) => !now.has(c.id)),
    changed,
    edgesAdded: after.edges.filter((e) => !oldEdges.has(key(e))),
    edgesRemoved: before.edges.filter((e) => !newEdges.has(key(e))),
    startChanged: before.start !== after.start,
    nameChanged: before.name !== after.name,
  };
}

function changedFields(b: Card, a: Card): string[] {
  const out: string[] = [];
  if (b.type !== a.type) out.push('type');
  const bd = asRecord(b.data);
  const ad = asRecord(a.data);
  if (!bd || !ad) {
    if (canonicalJson(b.data ?? null) !== canonicalJson(a.data ?? null)) out.push('data');
    return out;
  }
  for (const k of new Set([...Object.keys(bd), ...Object.keys(ad)])) {
    if (canonicalJson(bd[k] ?? null) !== canonicalJson(ad[k] ?? null)) out.push(k);
  }
  return out.sort();
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
