import type { Diagnostic } from '../shared/lint/diagnostic.ts';

/** One diagnostic as one human-readable line: `error no-start: …` or `warning unconnected-port [card ask, port no]: …`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [
    d.cardId !== undefined ? `card ${d.cardId}` : undefined,
    d.port !== undefined ? `port ${d.port}` : undefined,
    d.edgeId !== undefined ? `edge ${d.edgeId}` : undefined,
  ].filter(Boolean);
  return `${d.severity} ${d.code}${where.length ? ` [${where.join(', ')}]` : ''}: ${d.message}`;
}
