import type { Edge } from '../../stream/model.ts';
import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `dangling-edge`: the edge leaves a card that does not exist, leaves a port its card does not have, or leads to a
 * card that does not exist. `fromPorts` is undefined when the source is missing and null when its ports are unknown
 * (unknown type or invalid data: that card has its own error, and its edges are not judged by port).
 */
export function danglingEdge(
  edge: Edge,
  fromExists: boolean,
  fromPorts: readonly string[] | null,
  toExists: boolean,
): Diagnostic | undefined {
  if (fromExists && toExists && (fromPorts === null || fromPorts.includes(edge.port))) return undefined;
  const problems: string[] = [];
  if (!fromExists) problems.push(`starts at the card ${q(edge.from)}, which does not exist`);
  else if (fromPorts !== null && !fromPorts.includes(edge.port)) {
    const has = fromPorts.length === 0 ? 'has no output ports' : `has the ports ${fromPorts.map(q).join(', ')}`;
    problems.push(`leaves the port ${q(edge.port)}, but ${q(edge.from)} ${has}`);
  }
  if (!toExists) problems.push(`leads to the card ${q(edge.to)}, which does not exist`);
  return diagnostic(
    'dangling-edge',
    fromExists ? { cardId: edge.from, edgeId: edge.id, port: edge.port } : { edgeId: edge.id, port: edge.port },
    `The edge ${q(edge.id)} ${problems.join(' and ')}: reconnect it or delete it.`,
  );
}
