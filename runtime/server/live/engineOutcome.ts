import type { CompiledStream } from '../../../shared/compile/format.ts';
import type { EngineEvent } from '../../../shared/engine/events.ts';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { Routing } from '../../../shared/routing/types.ts';

/** A transcript entry before it gets its `seq` and `at`. */
export type Draft<T = TranscriptItem> = T extends TranscriptItem ? Omit<T, 'seq' | 'at'> : never;

/** What one engine step means for the runtime: entries to show, attributes to store, goals, a hand-off, the end. */
export interface EngineOutcome {
  items: Draft[];
  set: Record<string, string>;
  goals: { name: string; score?: number }[];
  handoff: Routing | null;
  completed: boolean;
}

/**
 * Turns the interpreter's events into transcript entries and effects. Question answers get their ids from the
 * compiled card (the engine speaks labels; the widget answers with ids).
 */
export function engineOutcome(events: readonly EngineEvent[], compiled: CompiledStream): EngineOutcome {
  const out: EngineOutcome = { items: [], set: {}, goals: [], handoff: null, completed: false };
  for (const e of events) {
    switch (e.type) {
      case 'message':
        out.items.push({ type: 'bot', cardId: e.cardId, text: e.text });
        break;
      case 'ask':
        if ('answers' in e) {
          const data = compiled.cards[e.cardId]?.data as { answers?: { id: string; label: string }[] } | undefined;
          const answers = e.answers.map((label, i) => ({ id: data?.answers?.[i]?.id ?? String(i), label }));
          const item: Draft<Extract<TranscriptItem, { type: 'ask'; kind: 'question' }>> = {
            type: 'ask',
            kind: 'question',
            cardId: e.cardId,
            prompt: e.prompt,
            answers,
          };
          if (e.freeText) item.freeText = true;
          out.items.push(item);
        } else {
          // Optional fields assigned, not spread: spreads are slow on this hot path (see Hub.append).
          const ask: Draft<Extract<TranscriptItem, { type: 'ask'; kind: 'capture' }>> = {
            type: 'ask',
            kind: 'capture',
            cardId: e.cardId,
            prompt: e.prompt,
            attribute: e.attribute,
            input: e.input,
          };
          if (e.placeholder !== undefined) ask.placeholder = e.placeholder;
          if (e.options !== undefined) ask.options = e.options;
          out.items.push(ask);
        }
        break;
      case 'invalid':
        out.items.push({ type: 'invalid', cardId: e.cardId, message: e.message });
        break;
      case 'document':
        out.items.push({ type: 'document', cardId: e.cardId, name: e.name, url: e.url });
        break;
      case 'set':
        out.set[e.attribute] = e.value;
        break;
      case 'goal':
        out.goals.push({ name: e.name, ...(e.score !== undefined ? { score: e.score } : {}) });
        break;
      case 'liveChat':
        out.handoff = e.routing;
        break;
      case 'end':
        if (e.reason === 'completed') out.completed = true;
        break;
      default: {
        const never: never = e;
        throw new Error(`unknown engine event ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}
