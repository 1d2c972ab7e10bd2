import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/** Deepest `all` / `any` nesting a condition may have: deeper is beyond what a person reads and edits. */
export const MAX_CONDITION_DEPTH = 16;

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
    const depth = nesting((b as { when?: unknown } | null)?.when);
    if (depth <= MAX_CONDITION_DEPTH) continue;
    const id = (b as { id?: unknown }).id;
    out.push(
      diagnostic(
        'condition-too-deep',
        typeof id === 'string' ? { cardId, port: id } : { cardId },
        // Counting stops one past the limit (a condition may nest 100,000 deep), so the message says "more than".
        `A condition of ${q(cardId)} nests "all"/"any" more than ${MAX_CONDITION_DEPTH} levels deep; at most ` +
          `${MAX_CONDITION_DEPTH} are allowed: flatten it or split it over several condition cards.`,
      ),
    );
  }
  return out;
}

/** How deep `all` / `any` lists nest in `when` (an attribute comparison is 0), counted with a stack. */
function nesting(when: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[when, 0]];
  while (stack.length) {
    const [c, d] = stack.pop()!;
    const list = (c as { all?: unknown; any?: unknown } | null)?.all ?? (c as { any?: unknown } | null)?.any;
    if (!Array.isArray(list)) continue;
    max = Math.max(max, d + 1);
    if (max > MAX_CONDITION_DEPTH + 1) return max;
    for (const x of list) stack.push([x, d + 1]);
  }
  return max;
}
