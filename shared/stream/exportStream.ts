import { getCard } from '../cards/index.ts';
import { edgeId, NEXT_PORT, type Stream } from './model.ts';
import { STREAM_FORMAT, type StreamDocument } from './interchange.ts';

/**
 * Writes a stream as a `tributary.stream/1` document with a fixed key order, so that exporting the same stream
 * twice gives the same bytes. `port` is left out when it is `next`, and an edge `id` only when it is not the one
 * `parseStream` would derive anyway (so that export → import keeps every id); a missing start stays missing. A card's data
 * `version` is written once its type is past version 1.
 */
export function exportStream(stream: Stream): StreamDocument {
  const derived = new Set<string>();
  return {
    format: STREAM_FORMAT,
    name: stream.name,
    ...(stream.start !== null ? { start: stream.start } : {}),
    cards: stream.cards.map((c) => ({
      id: c.id,
      type: c.type,
      data: withoutDefaults(c.type, c.data),
      // The data's version, left out while it is 1 (its default: a document without it means what it meant).
      ...((getCard(c.type)?.version ?? 1) > 1 ? { version: getCard(c.type)!.version } : {}),
      ...(c.position ? { position: { x: c.position.x, y: c.position.y } } : {}),
    })),
    edges: stream.edges.map((e) => {
      let expected: string;
      let n = 0;
      do expected = edgeId(e.from, e.port, e.to, n++);
      while (derived.has(expected));
      const keepId = e.id !== expected;
      derived.add(e.id);
      return {
        ...(keepId ? { id: e.id } : {}),
        from: e.from,
        ...(e.port !== NEXT_PORT ? { port: e.port } : {}),
        to: e.to,
      };
    }),
  };
}

/** Card data without the optional fields that hold their defaults (SPEC §2: an export leaves them out). */
function withoutDefaults(type: string, data: unknown): unknown {
  const omit = getCard(type)?.omitWhenDefault;
  if (!omit || data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const record = data as Record<string, unknown>;
  if (!Object.keys(omit).some((k) => Object.hasOwn(record, k) && record[k] === omit[k])) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!(Object.hasOwn(omit, k) && v === omit[k])) out[k] = v;
  return out;
}
