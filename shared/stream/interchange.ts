import { z } from 'zod';
import { getCard } from '../cards/index.ts';
import { migrateCardData } from '../cards/migrateCardData.ts';
import { edgeId, NEXT_PORT, type Card, type Edge, type Stream } from './model.ts';
import { formatPath } from './path.ts';

/** The interchange format's version string (SPEC §8.2). */
export const STREAM_FORMAT = 'tributary.stream/1';

const idSchema = z.string().trim().min(1, 'must be a non-empty string');

const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

// Card `data` is deliberately not checked here: lint reports it as `invalid-card-data` with the card's id.
const cardSchema = z.object({
  id: idSchema,
  type: idSchema,
  data: z.unknown().optional(),
  /** The version of the card type's data shape `data` was written at; older data is migrated when read. */
  version: z.number().optional(),
  position: positionSchema.optional(),
});

const edgeSchema = z.object({
  id: idSchema.optional(),
  from: idSchema,
  port: idSchema.optional(),
  to: idSchema,
});

export const documentSchema = z.object({
  format: z.literal(STREAM_FORMAT, { error: `must be "${STREAM_FORMAT}"` }),
  name: z.string().default(''),
  // A missing start, or one naming no card, is valid: lint reports it as `no-start`.
  start: z.string().nullable().optional(),
  cards: z.array(cardSchema),
  edges: z.array(edgeSchema),
});

export type StreamDocument = z.input<typeof documentSchema>;

export type ParseStreamResult =
  { ok: true; stream: Stream } | { ok: false; path: string; message: string; error: string };

/**
 * Reads a `tributary.stream/1` document (already JSON-parsed) into the stream model. On failure, `error` is one
 * line naming the bad field's path, e.g. `cards[2].id: duplicate card id "hello"`.
 */
export function parseStream(value: unknown): ParseStreamResult {
  const r = documentSchema.safeParse(value, { error: friendlyIssue });
  if (!r.success) {
    const issue = r.error.issues[0];
    return fail(issue.path, issue.message);
  }
  const doc = r.data;
  const seen = new Set<string>();
  const cards: Card[] = [];
  for (const [i, c] of doc.cards.entries()) {
    if (seen.has(c.id)) return fail(['cards', i, 'id'], `duplicate card id "${c.id}"`);
    seen.add(c.id);
    let data: unknown = c.data === undefined ? {} : c.data;
    const def = getCard(c.type);
    // A card without `version` was written at version 1 (SPEC §2: new optional fields mean what they meant).
    if (def && (c.version ?? 1) !== def.version) {
      const migrated = migrateCardData(def, data, c.version ?? 1);
      if (!migrated.ok) return fail(['cards', i, 'version'], migrated.message);
      data = migrated.data;
    }
    const card: Card = { id: c.id, type: c.type, data };
    if (c.position) card.position = { x: c.position.x, y: c.position.y };
    cards.push(card);
  }
  const edges: Edge[] = [];
  const edgeIds = new Set<string>();
  for (const [i, e] of doc.edges.entries()) {
    const port = e.port ?? NEXT_PORT;
    let id = e.id;
    if (id !== undefined && edgeIds.has(id)) return fail(['edges', i, 'id'], `duplicate edge id "${id}"`);
    for (let n = 0; id === undefined || edgeIds.has(id); n++) id = edgeId(e.from, port, e.to, n);
    edgeIds.add(id);
    edges.push({ id, from: e.from, port, to: e.to });
  }
  return { ok: true, stream: { name: doc.name, start: doc.start ?? null, cards, edges } };
}

/** Short messages for the common issues (zod's defaults are written for developers). */
function friendlyIssue(issue: { code?: string; input?: unknown; expected?: string }): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'is missing';
  const got = issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input;
  const want =
    issue.expected === 'array' || issue.expected === 'object' ? `an ${issue.expected}` : `a ${issue.expected}`;
  return `must be ${want}, not ${got}`;
}

function fail(path: readonly PropertyKey[], message: string): ParseStreamResult {
  const where = formatPath(path);
  return { ok: false, path: where, message, error: `${where}: ${message}` };
}
