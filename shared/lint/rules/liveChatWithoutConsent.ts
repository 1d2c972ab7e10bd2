import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `live-chat-without-consent`: some path from the start reaches this live chat without passing a question card.
 * `reachedWithoutQuestion` is computed by the graph engine (reachability that stops at question cards).
 */
export function liveChatWithoutConsent(cardId: string, reachedWithoutQuestion: boolean): Diagnostic | undefined {
  if (!reachedWithoutQuestion) return undefined;
  return diagnostic(
    'live-chat-without-consent',
    { cardId },
    `Visitors can reach live chat ${q(cardId)} without being asked: put a question such as "Do you want to talk to someone?" on every path before it.`,
  );
}
