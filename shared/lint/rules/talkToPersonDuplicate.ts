import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `talk-to-person-duplicate`: the widget's "Talk to a person" action jumps to one card, so only one live chat of a
 * stream may be its target. Reported on every marked card but the first by id (the one the runtime would take).
 */
export function talkToPersonDuplicate(marked: ReadonlySet<string>): Diagnostic[] {
  const ids = [...marked].sort();
  return ids
    .slice(1)
    .map((cardId) =>
      diagnostic(
        'talk-to-person-duplicate',
        { cardId },
        `Card ${q(cardId)} is marked as the "talk to a person" target, and so is ${q(ids[0])}: keep the mark on one live-chat card only.`,
      ),
    );
}
