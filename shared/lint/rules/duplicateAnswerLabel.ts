import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `duplicate-answer-label`: two answers of one question share a label (trimmed, case-insensitive), so the visitor
 * could not tell them apart and a typed reply would be ambiguous. Reported on each later answer, with its port.
 * Reads the raw data, so that it also runs while other fields of the card are invalid.
 */
export function duplicateAnswerLabel(cardId: string, data: unknown): Diagnostic[] {
  const answers = (data as { answers?: unknown } | null)?.answers;
  if (!Array.isArray(answers) || answers.length < 2) return [];
  // Questions have a handful of answers: comparing pairs is cheaper than a map.
  const keys = answers.map((a) => {
    const label = (a as { label?: unknown } | null)?.label;
    return typeof label === 'string' ? label.trim().toLowerCase() : '';
  });
  const out: Diagnostic[] = [];
  for (let i = 1; i < answers.length; i++) {
    const key = keys[i];
    if (key === '' || keys.indexOf(key) === i) continue;
    const label = (answers[i] as { label: string }).label;
    const id = (answers[i] as { id?: unknown }).id;
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
