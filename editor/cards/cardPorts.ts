import { getCard, parseCardData } from '../../shared/cards/index.ts';

export interface CardShape {
  /** The parsed data (defaults applied) when the data fits the schema. */
  parsed: { ok: true; data: unknown } | { ok: false; issues: { path: (string | number)[]; message: string }[] };
  /** Output ports in display order, as far as they can be told from the data (even broken data keeps its ports). */
  ports: string[];
  known: boolean;
}

/**
 * Parses a card and lists its ports. Broken data still gets the ports its type would derive when that works, so
 * that its edges stay visible while someone fixes it; anything else gets none rather than throwing.
 */
export function cardShape(type: string, data: unknown): CardShape {
  const def = getCard(type);
  const parsed = parseCardData(type, data);
  if (!def) return { parsed, ports: [], known: false };
  let ports: string[] = [];
  try {
    const raw = def.ports((parsed.ok ? parsed.data : data) as never);
    if (Array.isArray(raw)) ports = [...new Set(raw.filter((p): p is string => typeof p === 'string' && p !== ''))];
  } catch {
    ports = [];
  }
  return { parsed, ports, known: true };
}
