import type { CompiledStream } from '../../../shared/compile/format.ts';
import type { SessionState } from '../../../shared/engine/session.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import type { ClientSeqs } from './clientSeqs.ts';

/**
 * An open conversation held in memory while it is open: the stored record (kept current, saved once per turn),
 * the pinned compiled version, the visitor's profile and the client ids seen (idempotency).
 */
export interface Conv {
  rec: ConversationRecord;
  compiled: CompiledStream;
  dialogueName: string;
  profile: Record<string, string>;
  /** `sender|clientId` → seq of the stored entry. Consulted before the store (entries not yet committed). */
  clientSeqs: ClientSeqs;
  /** Among several nodes: the card whose reply is being stored on this node; its step runs once it is stored. */
  replying?: string;
  /** Among several nodes: a look again, later, at a stored reply that has no step yet (`recoverStep`). */
  recheck?: ReturnType<typeof setTimeout>;
}

export function engineState(conv: Conv): SessionState {
  return conv.rec.engine as SessionState;
}
