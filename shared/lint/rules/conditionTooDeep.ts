import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';
import { conditionDepth, MAX_CONDITION_DEPTH, TOO_DEEP } from '../../conditions/depth.ts';

/**
 * `condition-too-deep`: a branch's condition nests `all` / `any` deeper than `MAX_CONDITION_DEPTH`. Measured on the
 * raw data without recursion, before the (recursive) schema reads it: a condition nested thousands deep would
 * overflow the stack there. Reported per branch, with its port; the card's schema is then not checked.
 */
export function conditionTooDeep(cardId: string, data: unknown): Diagnostic[] {
  const branches = (data as { branches?: unknown } | null)?.branches;
  if (!Array.isArray(branches)) return [];
  const out: Diagnostic[] = [];
  for (const b of branches) {
    const depth = conditionDepth((b as { when?: unknown } | null)?.when);
    if (depth <= MAX_CONDITION_DEPTH) continue;
    const id = (b as { id?: unknown }).id;
    out.push(
      diagnostic(
        'condition-too-deep',
        typeof id === 'string' ? { cardId, port: id } : { cardId },
        `A condition of ${q(cardId)} ${TOO_DEEP}: flatten it or split it over several condition cards.`,
      ),
    );
  }
  return out;
}
