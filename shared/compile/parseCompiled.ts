import { z } from 'zod';
import { getCard } from '../cards/index.ts';
import { formatPath } from '../stream/path.ts';
import { contentHash } from './contentHash.ts';
import { COMPILED_FORMAT, type CompiledStream } from './format.ts';

const compiledSchema = z.object({
  format: z.literal(COMPILED_FORMAT),
  hash: z.string(),
  name: z.string(),
  start: z.string(),
  // Checked entry by entry below: a record schema would drop a card whose id is "__proto__".
  cards: z.custom<Record<string, unknown>>(
    (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
    'must be an object',
  ),
});

const cardSchema = z.object({
  type: z.string(),
  data: z.unknown(),
  next: z.custom<Record<string, unknown>>(
    (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
    'must be an object',
  ),
});

export type ParseCompiledResult = { ok: true; compiled: CompiledStream } | { ok: false; error: string };

/**
 * Checks a compiled stream read from storage or the network before the engine runs it: the shape, known card types,
 * card data that parses, edges to existing cards, and a hash that matches the content (so a version cannot be
 * altered behind its hash). Errors name the path, e.g. `cards.hello.next.yes`.
 */
export function parseCompiled(value: unknown): ParseCompiledResult {
  const r = compiledSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, error: `${formatPath(issue.path)}: ${issue.message}` };
  }
  const c = r.data;
  if (!Object.hasOwn(c.cards, c.start)) return { ok: false, error: `start: no card "${c.start}"` };
  for (const [id, raw] of Object.entries(c.cards)) {
    const card = cardSchema.safeParse(raw);
    if (!card.success) {
      const issue = card.error.issues[0];
      return { ok: false, error: `${formatPath(['cards', id, ...issue.path])}: ${issue.message}` };
    }
    const def = getCard(card.data.type);
    if (!def)
      return { ok: false, error: `${formatPath(['cards', id, 'type'])}: unknown card type "${card.data.type}"` };
    if (!def.schema.safeParse(card.data.data).success)
      return { ok: false, error: `${formatPath(['cards', id, 'data'])}: invalid` };
    for (const [port, to] of Object.entries(card.data.next)) {
      if (typeof to !== 'string' || !Object.hasOwn(c.cards, to)) {
        return { ok: false, error: `${formatPath(['cards', id, 'next', port])}: no card ${JSON.stringify(to)}` };
      }
    }
  }
  const { hash, ...content } = c;
  if (contentHash(content) !== hash) return { ok: false, error: 'hash: does not match the content' };
  return { ok: true, compiled: c as CompiledStream };
}
