import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `live-chat-without-email`: some path from the start reaches this live chat without a capture card for `email`, so
 * the agent may not know who they talk to. `reachedWithoutEmail` is reachability that stops at email captures.
 */
export function liveChatWithoutEmail(cardId: string, reachedWithoutEmail: boolean): Diagnostic | undefined {
  if (!reachedWithoutEmail) return undefined;
  return diagnostic(
    'live-chat-without-email',
    { cardId },
    `Visitors can reach live chat ${q(cardId)} without giving their email: add a capture card for email (and one for firstName) on every path before it.`,
  );
}
