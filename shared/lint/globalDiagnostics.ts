import { IS_LIVE_CHAT } from './cardFacts.ts';
import type { Diagnostic } from './diagnostic.ts';
import { NO_EMAIL, NO_QUESTION, REACH, type NodeRec } from './graph/records.ts';
import { cycle } from './rules/cycle.ts';
import { liveChatWithoutConsent } from './rules/liveChatWithoutConsent.ts';
import { liveChatWithoutEmail } from './rules/liveChatWithoutEmail.ts';
import { unreachableCard } from './rules/unreachableCard.ts';

const NONE: readonly Diagnostic[] = [];

/**
 * The diagnostics of the graph-wide rules for one card, read off the facts the graph engine maintains (loop, reach
 * sets). Without a start card nothing is reachable; that is reported once as `no-start`, not on every card.
 * The stream's "talk to a person" card is never unreachable: the widget's header jumps to it.
 */
export function globalDiagnostics(node: NodeRec, hasStart: boolean): readonly Diagnostic[] {
  let list: Diagnostic[] | undefined;
  if (node.loop) (list ??= []).push(cycle(node.id, node.loop));
  // The "talk to a person" card is reached from the widget's header, so it needs no edge leading to it.
  if (hasStart && !node.facts.talkToPerson) {
    const unreachable = unreachableCard(node.id, (node.member & (1 << REACH)) !== 0);
    if (unreachable) (list ??= []).push(unreachable);
  }
  if (node.facts.flags & IS_LIVE_CHAT) {
    const consent = liveChatWithoutConsent(node.id, (node.member & (1 << NO_QUESTION)) !== 0);
    if (consent) (list ??= []).push(consent);
    const email = liveChatWithoutEmail(node.id, (node.member & (1 << NO_EMAIL)) !== 0);
    if (email) (list ??= []).push(email);
  }
  return list ?? NONE;
}
