import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `duplicate-answer-label`: two answers of one question share a label (trimmed, case-insensitive), so the visitor
 * could not tell them apart and a typed reply would be ambiguous. Reported on each later answer, with its port.
 * Reads the raw data, so that it also runs while other fields of the card are invalid.
 */
export function duplicateAnswerLabel(cardId: string, data: unknown): Diagnostic[] {
  const answers = (data as { answers?: unknown } | null)?.answers;
  if (!Array.isArray(answers)) return [];
  const firstByLabel = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const answer of answers) {
    const label = (answer as { label?: unknown } | null)?.label;
    if (typeof label !== 'string' || label.trim() === '') continue;
    const key = label.trim().toLowerCase();
    const first = firstByLabel.get(key);
    if (first === undefined) {
      firstByLabel.set(key, label);
      continue;
    }
    const id = (answer as { id?: unknown }).id;
    out.push(
      diagnostic(
        'duplicate-answer-label',
        typeof id === 'string' ? { cardId, port: id } : { cardId },
        `Question ${q(cardId)} has two answers labelled ${q(label.trim())}: visitors could not tell them apart; rename one.`,
      ),
    );
  }
  return out;
}
