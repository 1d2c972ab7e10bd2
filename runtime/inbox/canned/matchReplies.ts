import type { CannedReplyView } from '../../../shared/api/cannedReplies.ts';

/** What the composer's `/` search shows at most. */
export const MENU_SIZE = 8;

/**
 * The replies for what follows `/`: shortcuts that start with it first, then shortcuts and texts that contain it
 * (case-insensitive, every word must match); in the order given (workspace first, by shortcut) within each group.
 */
export function matchReplies(replies: readonly CannedReplyView[], query: string): CannedReplyView[] {
  const q = query.trim().toLowerCase();
  if (!q) return replies.slice(0, MENU_SIZE);
  const words = q.split(/\s+/);
  const prefix: CannedReplyView[] = [];
  const rest: CannedReplyView[] = [];
  for (const r of replies) {
    const shortcut = r.shortcut.toLowerCase();
    if (shortcut.startsWith(q)) prefix.push(r);
    else if (words.every((w) => shortcut.includes(w) || r.body.toLowerCase().includes(w))) rest.push(r);
  }
  return [...prefix, ...rest].slice(0, MENU_SIZE);
}

/** The `/query` being typed at the caret: a `/` at the start of the text or after white space, up to the caret. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | undefined {
  const before = text.slice(0, caret);
  const m = /(^|\s)\/([^\s/]*)$/.exec(before);
  if (!m) return undefined;
  return { start: before.length - m[2].length - 1, query: m[2] };
}
