import type { ConversationSummary } from '../api/types.ts';

/** Every word of the query must appear (case-insensitive) in the ids, the visitor's profile, the agent or the dialogue. */
export function matchesSearch(c: ConversationSummary, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [c.id, c.visitorId, ...Object.values(c.visitor), c.agentName ?? '', c.dialogueName ?? '', c.status]
    .join(' ')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}
