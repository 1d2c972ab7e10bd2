import type { OutboxEvent, WebhookEventType } from '../store/webhooks.ts';
import type { Store } from '../store/store.ts';
import { newEventId } from './eventId.ts';
import { Subscriptions } from './subscriptions.ts';

/** What every event's `data` holds (SPEC §8.7), plus the event's own fields. */
export interface EventSubject {
  id: string;
  streamId: string;
  version: number;
  visitorId: string;
}

/**
 * The webhook events of one turn, written to the outbox in that turn's transaction (one `webhooks.enqueue`): an
 * event exists exactly when the step that caused it was stored. The body is fixed now (its `timestamp` is the
 * event's time); only `conversation.ended` gets its transcript when it is sent (webhooks/deliverer.ts). An event
 * of a type no enabled endpoint subscribes to is not made at all (`subscriptions`): a step costs nothing more
 * for webhooks while no endpoint wants its events.
 */
export class Outbox {
  private pending: OutboxEvent[] = [];
  readonly subscriptions: Subscriptions;

  constructor(
    private readonly store: Pick<Store, 'webhooks'>,
    private readonly write: (fn: () => void) => void,
    private readonly now: () => number,
    onError?: (err: unknown) => void,
  ) {
    this.subscriptions = new Subscriptions(store, Date.now, undefined, onError);
  }

  add(type: WebhookEventType, c: EventSubject, extra: Record<string, unknown> = {}): void {
    if (!this.subscriptions.wants(type)) return;
    const at = this.now();
    const data = { conversationId: c.id, streamId: c.streamId, version: c.version, visitorId: c.visitorId, ...extra };
    const payload = JSON.stringify({ type, timestamp: new Date(at).toISOString(), data });
    if (this.pending.length === 0)
      this.write(() => {
        const events = this.pending;
        this.pending = [];
        void this.store.webhooks.enqueue(events);
      });
    this.pending.push({ eventId: newEventId(), type, payload, at });
  }

  forget(): void {
    this.pending = [];
  }
}
