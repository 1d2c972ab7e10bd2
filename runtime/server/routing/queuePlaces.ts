import type { VisitorServerMessage } from '../../../shared/protocol/visitor.ts';
import { queuePlace } from '../../../shared/routing/queries.ts';
import type { RoutingState } from '../../../shared/routing/state.ts';

/** Until chats have ended here, an estimate assumes a live chat lasts three minutes. */
const DEFAULT_CHAT_SEC = 180;

/**
 * What a queued visitor is told (SPEC §4): its place and an estimated wait. A slot frees up about every
 * `average chat ÷ (agents online × chats each)` seconds, so the visitor at place p waits about p of those; the
 * average chat length is a moving average of the chats that ended on this node. Rounded up to whole minutes,
 * since a precise-looking number would promise more than it knows.
 */
export class QueuePlaces {
  private averageChatSec = DEFAULT_CHAT_SEC;

  /** A live chat that lasted `seconds` ended: the average follows (weight 1/20). */
  chatEnded(seconds: number): void {
    if (seconds > 0 && Number.isFinite(seconds)) this.averageChatSec += (seconds - this.averageChatSec) / 20;
  }

  message(state: RoutingState, conversationId: string): Extract<VisitorServerMessage, { type: 'queue' }> {
    const place = queuePlace(state, conversationId);
    if (!place) return { type: 'queue', conversationId, position: 0, estimatedWaitSec: 0 };
    const slots = Math.max(1, place.available * state.settings.maxChatsPerAgent);
    const seconds = (place.position * this.averageChatSec) / slots;
    return {
      type: 'queue',
      conversationId,
      position: place.position,
      estimatedWaitSec: Math.max(60, Math.ceil(seconds / 60) * 60),
    };
  }
}
