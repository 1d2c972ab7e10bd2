import { getCard, type CardType } from '../cards/index.ts';
import type { Stream } from '../stream/model.ts';
import { canonicalize } from './canonicalJson.ts';
import { hashJson } from './contentHash.ts';
import { setOwn } from './setOwn.ts';
import { COMPILED_FORMAT, type CompiledCard, type CompiledStream } from './format.ts';

/** The stream is not compilable; lint reports the same problems with codes and fixes. */
export class CompileError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `cannot compile: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`,
    );
    this.name = 'CompileError';
    this.problems = problems;
  }
}

/**
 * Compiles a stream into `tributary.compiled/1` (DESIGN: draft → lint → compile → version).
 *
 * Callers lint first and refuse errors (`compileLinted` does both); this function still checks what it relies on
 * (start card, known types, valid data, edges between existing cards and ports, one edge per port) and throws a
 * `CompileError` rather than produce a broken version.
 *
 * The output is canonical: cards keyed by id in id order, each card's data as its schema parses it (defaults
 * applied), object keys in canonical order (see `canonicalJson`), positions dropped. So moving cards, reordering the
 * `cards` or `edges` arrays, or reordering keys changes neither output nor hash; any change of name, type, data or
 * edge does.
 */
export function compileStream(stream: Stream): CompiledStream {
  const problems: string[] = [];
  const byId = new Map<string, { type: CardType; data: unknown; ports: string[] }>();
  for (const card of stream.cards) {
    const def = getCard(card.type);
    if (!def) {
      problems.push(`card "${card.id}" has unknown type "${card.type}"`);
      continue;
    }
    const parsed = def.schema.safeParse(card.data);
    if (!parsed.success) {
      problems.push(`card "${card.id}" has invalid data`);
      continue;
    }
    byId.set(card.id, { type: def.type, data: parsed.data, ports: def.ports(parsed.data) });
  }
  if (stream.start === null || !byId.has(stream.start)) problems.push('the start card is missing');

  const next = new Map<string, Map<string, string>>();
  for (const edge of stream.edges) {
    const from = byId.get(edge.from);
    if (!from || !byId.has(edge.to) || !from.ports.includes(edge.port)) {
      problems.push(`edge "${edge.id}" joins a card or port that does not exist`);
      continue;
    }
    let ports = next.get(edge.from);
    if (!ports) next.set(edge.from, (ports = new Map()));
    if (ports.has(edge.port)) problems.push(`port "${edge.port}" of card "${edge.from}" has more than one edge`);
    ports.set(edge.port, edge.to);
  }
  if (problems.length > 0) throw new CompileError(problems);

  // setOwn: a card or port id such as "__proto__" must be a key like any other.
  const cards: Record<string, CompiledCard> = {};
  for (const id of [...byId.keys()].sort()) {
    const { type, data } = byId.get(id)!;
    setOwn(cards, id, { data: canonicalize(data), next: sortedPorts(next.get(id)), type });
  }
  // Built in canonical key order at every level (cards inserted in id order, ports sorted, data canonicalized, these
  // keys sorted), so plain JSON.stringify already gives its canonical JSON: no second walk (SPEC §9 budget).
  // compileStream.test.ts checks this against canonicalJson.
  const content = { cards, format: COMPILED_FORMAT, name: stream.name, start: stream.start! };
  return {
    format: COMPILED_FORMAT,
    hash: hashJson(JSON.stringify(content)),
    name: stream.name,
    start: stream.start!,
    cards,
  };
}

function sortedPorts(ports: Map<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (ports === undefined) return out;
  const keys = [...ports.keys()];
  if (keys.length > 1) keys.sort();
  for (const k of keys) setOwn(out, k, ports.get(k));
  return out;
}
