import type { FieldIssues } from './cardView.ts';

/** The schema issue for one field, by its path (`['answers', 1, 'label']`). */
export function issueAt(issues: FieldIssues, ...path: (string | number)[]): string | undefined {
  return issues.get(path.join('.'));
}

/** Issues as the inspector reads them: keyed by dotted path; the first message per path wins. */
export function toFieldIssues(list: readonly { path: readonly (string | number)[]; message: string }[]): FieldIssues {
  const out = new Map<string, string>();
  for (const i of list) {
    const key = i.path.join('.');
    if (!out.has(key)) out.set(key, i.message);
  }
  return out;
}
