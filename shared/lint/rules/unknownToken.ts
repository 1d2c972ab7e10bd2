import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `unknown-token`: a `{{token}}` in the card's texts names an attribute that is not defined. Defined are the standard
 * attributes, the workspace's custom attributes and every attribute the stream itself sets; the caller decides.
 */
export function unknownToken(
  cardId: string,
  tokens: readonly string[],
  isDefined: (attribute: string) => boolean,
): readonly Diagnostic[] {
  let out: Diagnostic[] | undefined;
  for (const attribute of tokens) {
    if (isDefined(attribute)) continue;
    (out ??= []).push(
      diagnostic(
        'unknown-token',
        { cardId },
        `Card ${q(cardId)} uses the token {{${attribute}}}, but no attribute ${q(attribute)} is defined: fix its name, ` +
          'define it as a custom attribute, or set it in this stream with a question, capture or action card.',
      ),
    );
  }
  return out ?? [];
}
