import type { Store } from '../../store/store.ts';
import { testConversation } from '../../store/test/conversation.ts';

/** The attributes every filled conversation captured. */
export const FILL_ATTRIBUTES = ['company', 'email', 'firstName', 'lastName', 'phone', 'role', 'size', 'country'];

/**
 * Stores `n` ended conversations of `streamId`, one a second from 2026-12-01, each with a lead row capturing
 * `FILL_ATTRIBUTES` and a goal (for the CSV test and benchmark): written through the repositories, 10,000 a
 * transaction.
 */
export async function fillLeads(store: Store, streamId: string, n: number): Promise<void> {
  const day = Date.UTC(2026, 11, 1);
  for (let from = 0; from < n; from += 10_000) {
    const changes = [];
    for (let i = from; i < Math.min(n, from + 10_000); i++) {
      const id = `c_${String(i).padStart(7, '0')}`;
      const at = day + i * 1000;
      void store.conversations.insert(
        testConversation(id, `v_${i}`, at, {
          dialogueId: 'd_demo',
          streamId,
          endedAt: at + 500,
          endReason: 'completed',
        }),
      );
      changes.push({
        conversationId: id,
        streamId,
        captures: Object.fromEntries(FILL_ATTRIBUTES.map((a) => [a, `${a} of visitor number ${i}`])),
        goal: 'sales-lead',
        score: 10,
      });
    }
    await store.leads.record(
      changes,
      FILL_ATTRIBUTES.map((name) => ({ streamId, name })),
    );
  }
}
