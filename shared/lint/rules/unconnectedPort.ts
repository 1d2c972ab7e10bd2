import { NEXT_PORT } from '../../stream/model.ts';
import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `unconnected-port`: an answer or a condition branch (`else` included) leads nowhere, so the conversation would end
 * there. Single `next` ports are not reported: ending after a message is the usual way a branch ends.
 * `labels` are what the visitor sees for each port (a question's answers), `connected` says whether a port has at
 * least one outgoing edge.
 */
export function unconnectedPort(
  cardId: string,
  type: string,
  ports: readonly string[],
  labels: readonly string[] | null,
  connected: (port: string) => boolean,
): readonly Diagnostic[] {
  let out: Diagnostic[] | undefined;
  ports.forEach((port, i) => {
    if (port === NEXT_PORT || connected(port)) return;
    (out ??= []).push(
      diagnostic(
        'unconnected-port',
        { cardId, port },
        `${describePort(type, port, labels?.[i])} of ${q(cardId)} leads nowhere, so the conversation ends there: connect it to the next card.`,
      ),
    );
  });
  return out ?? [];
}

function describePort(type: string, port: string, label: string | undefined): string {
  if (type === 'question') return `Answer ${q(label ?? port)}`;
  if (type === 'condition') return port === 'else' ? 'The else branch' : `Branch ${q(port)}`;
  return `Port ${q(label ?? port)}`;
}
