import type { Edge } from '../../stream/model.ts';
import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `duplicate-edge`: one port has more than one outgoing edge, so the next card would be ambiguous. Every edge of such
 * a port is reported (whichever came first is no better than the others), which keeps the result independent of the
 * order edges are stored in. `edges` are the outgoing edges of one card.
 */
export function duplicateEdge(cardId: string, edges: Iterable<Edge>): Diagnostic[] {
  const byPort = new Map<string, Edge[]>();
  let crowded = false;
  for (const e of edges) {
    const list = byPort.get(e.port);
    if (list) {
      list.push(e);
      crowded = true;
    } else byPort.set(e.port, [e]);
  }
  if (!crowded) return [];
  const out: Diagnostic[] = [];
  for (const [port, list] of byPort) {
    if (list.length < 2) continue;
    const targets = [...new Set(list.map((e) => e.to))].sort();
    for (const e of list) {
      out.push(
        diagnostic(
          'duplicate-edge',
          { cardId, edgeId: e.id, port },
          `The port ${q(port)} of ${q(cardId)} has ${list.length} outgoing edges (to ${targets.map(q).join(', ')}): a port leads to one card, so delete all but one.`,
        ),
      );
    }
  }
  return out;
}
