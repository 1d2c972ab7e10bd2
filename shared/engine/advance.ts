import type { StepContext } from '../cards/defineCard.ts';
import { getCard } from '../cards/index.ts';
import type { CompiledCard, CompiledStream } from '../compile/format.ts';
import type { EngineEvent } from './events.ts';
import {
  EngineError,
  SESSION_FORMAT,
  type SessionFacts,
  type SessionState,
  type SessionStep,
  type TrailStep,
} from './session.ts';

/**
 * Runs cards from `cardId` on until one waits for the visitor, hands off to live chat, or a branch ends. Events are
 * appended to `events`; `attributes` is updated in place as cards set them. A compiled stream is acyclic, so more
 * steps than it has cards means a corrupt input: that throws instead of looping forever.
 */
export function advance(
  compiled: CompiledStream,
  cardId: string,
  attributes: Record<string, string>,
  facts: SessionFacts,
  events: EngineEvent[],
  trail: TrailStep[] = [],
): SessionStep {
  let current = cardId;
  // Counting the cards costs O(cards) per step, so it is done only once a run is long enough to look suspicious.
  let limit = 64;
  let counted = false;
  for (let steps = 0; ; steps++) {
    if (steps > limit) {
      if (counted) break;
      limit = Object.keys(compiled.cards).length + 1;
      counted = true;
      if (steps > limit) break;
    }
    const card = cardOf(compiled, current);
    const def = getCard(card.type);
    if (!def) throw new EngineError(`card "${current}" has unknown type "${card.type}"`);
    const out = def.enter(card.data, context(current, attributes, facts));
    events.push(...out.events);
    switch (out.kind) {
      case 'wait':
      case 'retry':
        return { state: state(compiled, 'waiting', current, attributes), events, trail };
      case 'handoff':
        events.push({ type: 'end', reason: 'handoff' });
        return { state: state(compiled, 'ended', null, attributes, 'handoff'), events, trail };
      case 'next': {
        if (out.set) Object.assign(attributes, out.set);
        const to = nextOf(card, out.port);
        trail.push({ from: current, port: out.port, to: to ?? null });
        if (to === undefined) return complete(compiled, attributes, events, trail);
        current = to;
        break;
      }
    }
  }
  throw new EngineError('the compiled stream loops (it has a cycle)');
}

export function complete(
  compiled: CompiledStream,
  attributes: Record<string, string>,
  events: EngineEvent[],
  trail: TrailStep[],
): SessionStep {
  events.push({ type: 'end', reason: 'completed' });
  return { state: state(compiled, 'ended', null, attributes, 'completed'), events, trail };
}

export function cardOf(compiled: CompiledStream, id: string): CompiledCard {
  const card = Object.hasOwn(compiled.cards, id) ? compiled.cards[id] : undefined;
  if (!card) throw new EngineError(`the compiled stream has no card "${id}"`);
  return card;
}

export function nextOf(card: CompiledCard, port: string): string | undefined {
  return Object.hasOwn(card.next, port) ? card.next[port] : undefined;
}

export function context(cardId: string, attributes: Record<string, string>, facts: SessionFacts): StepContext {
  return new CardContext(cardId, attributes, facts);
}

/** A class, not an object with an arrow function: no function is made (and named) for every card a step runs. */
class CardContext implements StepContext {
  constructor(
    readonly cardId: string,
    readonly attributes: Record<string, string>,
    private readonly facts: SessionFacts,
  ) {}

  agentsAvailable(teamId?: string): boolean {
    return this.facts.agentsAvailable?.(teamId) ?? false;
  }
}

function state(
  compiled: CompiledStream,
  status: SessionState['status'],
  cardId: string | null,
  attributes: Record<string, string>,
  endReason?: SessionState['endReason'],
): SessionState {
  const s: SessionState = {
    format: SESSION_FORMAT,
    hash: compiled.hash,
    status,
    cardId,
    attributes: { ...attributes },
  };
  if (endReason) s.endReason = endReason;
  return s;
}
