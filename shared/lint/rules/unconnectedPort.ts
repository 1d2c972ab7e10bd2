import { NEXT_PORT } from '../../stream/model.ts';
import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `unconnected-port`: an answer or a condition branch (`else` included) leads nowhere, so the conversation would end
 * there. Single `next` ports are not reported: ending after a message is the usual way a branch ends.
 * `connected` holds the ports that have at least one outgoing edge.
 */
export function unconnectedPort(
  cardId: string,
  type: string,
  data: unknown,
  ports: readonly string[],
  connected: (port: string) => boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const port of ports) {
    if (port === NEXT_PORT || connected(port)) continue;
    out.push(
      diagnostic(
        'unconnected-port',
        { cardId, port },
        `${describePort(type, data, port)} of ${q(cardId)} leads nowhere, so the conversation ends there: connect it to the next card.`,
      ),
    );
  }
  return out;
}

function describePort(type: string, data: unknown, port: string): string {
  if (type === 'question') {
    const answers = (data as { answers?: { id: string; label: string }[] }).answers ?? [];
    const answer = answers.find((a) => a.id === port);
    return answer ? `Answer ${q(answer.label)}` : `Answer ${q(port)}`;
  }
  if (type === 'condition') return port === 'else' ? 'The else branch' : `Branch ${q(port)}`;
  return `Port ${q(port)}`;
}
