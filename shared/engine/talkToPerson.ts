import type { CompiledStream } from '../compile/format.ts';
import { advance } from './advance.ts';
import { EngineError, type SessionFacts, type SessionState, type SessionStep } from './session.ts';

/** The port name a jump to the "talk to a person" card is recorded under in a step's trail (no edge has it). */
export const TALK_TO_PERSON_PORT = 'talk-to-person';

/**
 * The stream's "talk to a person" target: its live-chat card marked `talkToPerson` (lint keeps it to one; should
 * a stream hold several, the first in id order counts, as compiled cards are kept in id order). Null when none.
 */
export function talkToPersonTarget(compiled: CompiledStream): string | null {
  for (const [id, card] of Object.entries(compiled.cards)) {
    if (card.type === 'liveChat' && (card.data as { talkToPerson?: unknown } | null)?.talkToPerson === true) return id;
  }
  return null;
}

/** Why a jump was refused (`null`: it may happen): the stream has no target, or the bot no longer runs. */
export function talkToPersonRefusal(compiled: CompiledStream, state: SessionState): string | null {
  if (talkToPersonTarget(compiled) === null) return 'this stream has no "talk to a person" card';
  if (state.status !== 'waiting' || state.cardId === null) return 'the conversation is no longer with the bot';
  return null;
}

/**
 * The visitor asks for a person while the bot waits for a reply: the conversation jumps to the stream's
 * "talk to a person" card and hands off from there, as if an edge led to it. The card the session waited on gets
 * no reply. Throws `EngineError` when the jump is refused (check `talkToPersonRefusal` first) or the state belongs
 * to another version.
 */
export function talkToPerson(compiled: CompiledStream, state: SessionState, facts: SessionFacts = {}): SessionStep {
  if (state.hash !== compiled.hash) {
    throw new EngineError(`the session runs on version ${state.hash}, not ${compiled.hash}`);
  }
  const refusal = talkToPersonRefusal(compiled, state);
  if (refusal) throw new EngineError(refusal);
  const target = talkToPersonTarget(compiled)!;
  const trail = [{ from: state.cardId!, port: TALK_TO_PERSON_PORT, to: target }];
  return advance(compiled, target, { ...state.attributes }, facts, [], trail);
}
