import type { SessionState, SessionStep } from './session.ts';

/**
 * Ends a session that waits for a reply that will not come (stdin closed in `simulate`, the visitor left): reason
 * `input-ended`. A session that already ended is returned as it is, with no events.
 */
export function closeSession(state: SessionState): SessionStep {
  if (state.status === 'ended') return { state, events: [] };
  return {
    state: { ...state, status: 'ended', cardId: null, endReason: 'input-ended' },
    events: [{ type: 'end', reason: 'input-ended' }],
  };
}
