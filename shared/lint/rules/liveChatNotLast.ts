import type { Edge } from '../../stream/model.ts';
import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/** `live-chat-not-last`: a live-chat hand-off ends its branch, so nothing may follow it. */
export function liveChatNotLast(edge: Edge): Diagnostic {
  return diagnostic(
    'live-chat-not-last',
    { cardId: edge.from, edgeId: edge.id, port: edge.port },
    `Live chat ${q(edge.from)} has an edge to ${q(edge.to)}, but a live-chat hand-off must be the last card of its branch: delete the edge, or move those cards before the live chat.`,
  );
}
