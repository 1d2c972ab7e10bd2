import type { z } from 'zod';
import { formatPath } from '../../stream/path.ts';
import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `invalid-card-data`: one diagnostic per schema issue, naming the field (`answers[0].label`) and what to do, so the
 * inspector can point at the field.
 */
export function invalidCardData(cardId: string, type: string, issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  return issues.map((issue) =>
    diagnostic('invalid-card-data', { cardId }, `Card ${q(cardId)} (${type}): ${describe(issue)}.`),
  );
}

function describe(issue: z.core.$ZodIssue): string {
  const field = issue.path.length === 0 ? 'the card data' : formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length === 0 ? '' : ` in ${field}`;
    return `remove the unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(q).join(', ')}${where}`;
  }
  if (issue.code === 'invalid_type') {
    if (/received undefined$/.test(issue.message)) return `${field} is missing: fill it in`;
    return `${field} must be ${article(issue.expected)}${issue.expected}`;
  }
  return `${field}: ${issue.message}`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an ' : 'a ';
}
