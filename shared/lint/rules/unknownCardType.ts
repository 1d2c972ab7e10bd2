import { CARD_TYPES } from '../../cards/index.ts';
import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/** `unknown-card-type`: the card's type is not in the catalog (SPEC §2). */
export function unknownCardType(cardId: string, type: string): Diagnostic {
  return diagnostic(
    'unknown-card-type',
    { cardId },
    `Card ${q(cardId)} has the unknown type ${q(type)}: use one of ${CARD_TYPES.join(', ')}, or delete the card.`,
  );
}
