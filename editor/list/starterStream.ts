import { STREAM_FORMAT, type StreamDocument } from '../../shared/stream/interchange.ts';
import { messageCard } from '../../shared/cards/message.ts';

/** A new stream: one welcome message as its start card, so the canvas never opens empty and lint-clean. */
export function starterStream(name: string): StreamDocument {
  return {
    format: STREAM_FORMAT,
    name,
    start: 'welcome',
    cards: [{ id: 'welcome', type: 'message', data: messageCard.defaults(), position: { x: 0, y: 0 } }],
    edges: [],
  };
}
