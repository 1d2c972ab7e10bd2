import { parseStream } from '../../shared/stream/interchange.ts';
import { edgeId, type Stream } from '../../shared/stream/model.ts';
import type { VersionDetail } from '../api/types.ts';

/** The stream a published version holds: from its interchange source, else rebuilt from its compiled form. */
export function versionStream(v: VersionDetail): Stream | null {
  const fromSource = v.source ? parseStream(v.source) : null;
  if (fromSource?.ok) return fromSource.stream;
  const c = v.compiled as
    | {
        name?: string;
        start?: string;
        cards?: Record<string, { type: string; data: unknown; next?: Record<string, string> }>;
      }
    | undefined;
  if (!c || !c.cards || typeof c.cards !== 'object') return null;
  const stream: Stream = { name: c.name ?? '', start: c.start ?? null, cards: [], edges: [] };
  for (const [id, card] of Object.entries(c.cards)) {
    stream.cards.push({ id, type: card.type, data: card.data });
    for (const [port, to] of Object.entries(card.next ?? {}))
      stream.edges.push({ id: edgeId(id, port, to), from: id, port, to });
  }
  return stream;
}
