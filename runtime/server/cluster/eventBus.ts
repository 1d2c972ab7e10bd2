/** Receives a message another node published on a channel this node subscribed to. */
export type BusHandler = (body: unknown, from: string) => void;

/**
 * Moves committed events between nodes. Fan-out only: a message is published after the change it describes is
 * durable, delivery is at most once and may be lost (a Redis restart, a broken connection), and the database is
 * the truth. So every consumer must be able to catch up from the store: `onResume` says when it must.
 * A node never receives its own messages (it has applied them locally before publishing).
 */
export interface EventBus {
  /** This node's id, stamped on every message it publishes. */
  readonly node: string;
  /** Publishes `body` (JSON-serialisable) on `channel`. Never throws: a message that cannot go out is dropped. */
  publish(channel: string, body: unknown): void;
  /** Calls `handler` for every message other nodes publish on `channel`; returns the unsubscribe function. */
  subscribe(channel: string, handler: BusHandler): () => void;
  /**
   * Calls `fn` after a gap in which messages may have been lost (this node's connection came back, or another
   * node reports it dropped messages): consumers catch up from the store (by seq), as a client resumes.
   */
  onResume(fn: () => void): () => void;
  /** Resolves once subscriptions made so far are in effect (a message published after this reaches them). */
  ready(): Promise<void>;
  close(): Promise<void>;
}
