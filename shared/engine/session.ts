import type { SessionEndReason, EngineEvent } from './events.ts';

/** The session state's format; stored with conversations, so a change needs a migration. */
export const SESSION_FORMAT = 'tributary.session/1';

/**
 * Where one conversation stands: plain JSON, stored by the runtime between visitor messages. It names the compiled
 * version's hash, so a conversation stays on the version it started on (SPEC §1).
 */
export interface SessionState {
  format: typeof SESSION_FORMAT;
  /** Hash of the compiled stream this session runs on. */
  hash: string;
  status: 'waiting' | 'ended';
  /** The interactive card awaiting the visitor's reply (when `waiting`). */
  cardId: string | null;
  /** The visitor's profile as the conversation knows it: what it started with plus what it set. */
  attributes: Record<string, string>;
  /** Why the conversation ended (when `ended`). */
  endReason?: SessionEndReason;
}

/** What the engine asks its caller about the world (the runtime, `simulate` and the editor preview answer). */
export interface SessionFacts {
  /** Whether live-chat agents are available, optionally in a team; false when not given. */
  agentsAvailable?(teamId?: string): boolean;
}

export interface SessionStep {
  state: SessionState;
  events: EngineEvent[];
  /**
   * The edges this step took, in order: `to` is null where the port taken has no edge (the end of a branch). With
   * the start card, the cards reached are the `to`s; results count them (runtime/server/results). Absent when the
   * step moved nowhere (an invalid reply, a reply to an ended session).
   */
  trail?: TrailStep[];
}

/** One move of a conversation: from a card, out of one of its ports, to the next card (null: the branch ended). */
export interface TrailStep {
  from: string;
  port: string;
  to: string | null;
}

/** A compiled stream or session the engine cannot run (a programmer or storage error, never visitor input). */
export class EngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineError';
  }
}
