import { targetsUrl, type Targetable } from './selectDialogue.ts';

const SOME_HOST = 'https://example.com';

/** Pages a pattern targets for sure: its `*`s matched by nothing and by one letter, path patterns on some host. */
function examplePages(pattern: string): string[] {
  const p = pattern.trim();
  if (p === '') return [];
  const filled = [p.replaceAll('*', ''), p.replaceAll('*', 'x')];
  return filled.flatMap((u) => {
    if (u.startsWith('/')) return [`${SOME_HOST}${u}`];
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) return [u];
    return [`https://${u}`];
  });
}

export interface SamePageConflict<T> {
  other: T;
  /** A page both dialogues target (a path when the patterns name paths only). */
  page: string;
}

/**
 * The other active dialogues that would compete with `dialogue` for a page at the same priority (only one of them
 * ever shows there: the one with the smaller id, which a marketer cannot see). Found by trying pages each one's own
 * patterns certainly target, so a conflict reported is real; overlaps no such page shows are not reported.
 */
export function samePageConflicts<T extends Targetable>(
  dialogue: Targetable,
  others: readonly T[],
): SamePageConflict<T>[] {
  const out: SamePageConflict<T>[] = [];
  for (const other of others) {
    if (other.id === dialogue.id || other.targeting.priority !== dialogue.targeting.priority) continue;
    const pages = [...dialogue.targeting.include, ...other.targeting.include].flatMap(examplePages);
    const page = pages.find((u) => targetsUrl(dialogue.targeting, u) && targetsUrl(other.targeting, u));
    if (page !== undefined) out.push({ other, page: page.startsWith(SOME_HOST) ? page.slice(SOME_HOST.length) : page });
  }
  return out;
}
