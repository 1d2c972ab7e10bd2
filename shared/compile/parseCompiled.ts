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
  cards: z.record(z.string(), z.object({ type: z.string(), data: z.unknown(), next: z.record(z.string(), z.string()) })),
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
  for (const [id, card] of Object.entries(c.cards)) {
    const def = getCard(card.type);
    if (!def) return { ok: false, error: `${formatPath(['cards', id, 'type'])}: unknown card type "${card.type}"` };
    if (!def.schema.safeParse(card.data).success) return { ok: false, error: `${formatPath(['cards', id, 'data'])}: invalid` };
    for (const [port, to] of Object.entries(card.next)) {
      if (!Object.hasOwn(c.cards, to)) return { ok: false, error: `${formatPath(['cards', id, 'next', port])}: no card "${to}"` };
    }
  }
  const { hash, ...content } = c;
  if (contentHash(content) !== hash) return { ok: false, error: 'hash: does not match the content' };
  return { ok: true, compiled: c as CompiledStream };
}
