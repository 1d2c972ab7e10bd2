import { getCard } from '../cards/index.ts';
import type { CompiledStream } from '../compile/format.ts';
import { advance, cardOf, complete, context, nextOf } from './advance.ts';
import type { EngineEvent } from './events.ts';
import { EngineError, type SessionFacts, type SessionState, type SessionStep } from './session.ts';

/**
 * Gives the visitor's reply (an answer label or capture text) to the card the session waits on. An acceptable reply
 * moves the conversation on to the next card that waits (or to the end); an unacceptable one gives `invalid` and the
 * same `ask` again and changes nothing. A reply to an ended session changes nothing and produces no events.
 * Throws `EngineError` when `state` belongs to another version or the compiled stream is corrupt.
 */
export function stepSession(
  compiled: CompiledStream,
  state: SessionState,
  input: string,
  facts: SessionFacts = {},
): SessionStep {
  if (state.hash !== compiled.hash) {
    throw new EngineError(`the session runs on version ${state.hash}, not ${compiled.hash}`);
  }
  if (state.status !== 'waiting' || state.cardId === null) return { state, events: [] };
  const card = cardOf(compiled, state.cardId);
  const def = getCard(card.type);
  if (!def?.reply) throw new EngineError(`card "${state.cardId}" does not take replies`);
  const attributes = { ...state.attributes };
  const text = typeof input === 'string' ? input : '';
  const out = def.reply(card.data, text, context(state.cardId, attributes, facts));
  const events: EngineEvent[] = [...out.events];
  if (out.kind === 'retry' || out.kind === 'wait') return { state, events };
  if (out.kind === 'handoff') throw new EngineError(`card "${state.cardId}" handed off on a reply`);
  if (out.set) Object.assign(attributes, out.set);
  const to = nextOf(card, out.port);
  const trail = [{ from: state.cardId, port: out.port, to: to ?? null }];
  if (to === undefined) return complete(compiled, attributes, events, trail);
  return advance(compiled, to, attributes, facts, events, trail);
}
