import { IS_EMAIL_CAPTURE, IS_QUESTION } from '../cardFacts.ts';
import { NO_EMAIL, NO_QUESTION, type NodeRec, type ReachSet } from './records.ts';

/** Whether a path of reach set `set` continues through `node` (it stops at question cards, or at email captures). */
export function passes(node: NodeRec, set: ReachSet): boolean {
  if (set === NO_QUESTION) return (node.facts.flags & IS_QUESTION) === 0;
  if (set === NO_EMAIL) return (node.facts.flags & IS_EMAIL_CAPTURE) === 0;
  return true;
}
