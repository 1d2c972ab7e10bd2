import type { BusHandler, EventBus } from './eventBus.ts';

/**
 * An in-process bus: one process (`npm start`) has no other node to tell, and unit tests run several "nodes" in
 * one process by giving each a bus on one broker. Delivery is asynchronous (a microtask), as over Redis, so that
 * a consumer is never re-entered from inside a publish.
 */
export class LocalBroker {
  private readonly buses = new Set<LocalBus>();

  /** A bus for the node `node` on this broker. */
  bus(node: string, onError?: (err: unknown, where: string) => void): LocalBus {
    const bus = new LocalBus(node, this, onError);
    this.buses.add(bus);
    return bus;
  }

  /** @internal Whether any bus but `bus` is on this broker (alone, a publish has nobody to reach). */
  others(bus: LocalBus): boolean {
    return this.buses.size > (this.buses.has(bus) ? 1 : 0);
  }

  /** @internal */
  deliver(from: LocalBus, channel: string, text: string): void {
    for (const bus of this.buses) if (bus !== from) bus.receive(channel, text, from.node);
  }

  /** @internal */
  remove(bus: LocalBus): void {
    this.buses.delete(bus);
  }

  /** Tells every bus that messages may have been lost (what a Redis restart does). */
  gap(): void {
    for (const bus of this.buses) bus.resumed();
  }
}

export class LocalBus implements EventBus {
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private readonly resumers = new Set<() => void>();
  private closed = false;

  constructor(
    readonly node: string,
    private readonly broker: LocalBroker = new LocalBroker(),
    private readonly onError: (err: unknown, where: string) => void = () => {},
  ) {}

  publish(channel: string, body: unknown): void {
    if (this.closed || !this.broker.others(this)) return;
    // Serialised at once, as over the wire: a caller that changes the object afterwards changes nothing sent.
    const text = JSON.stringify(body);
    queueMicrotask(() => this.broker.deliver(this, channel, text));
  }

  subscribe(channel: string, handler: BusHandler): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(channel) === set) this.handlers.delete(channel);
    };
  }

  onResume(fn: () => void): () => void {
    this.resumers.add(fn);
    return () => this.resumers.delete(fn);
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    this.broker.remove(this);
  }

  /** @internal */
  receive(channel: string, text: string, from: string): void {
    const set = this.handlers.get(channel);
    if (!set || this.closed) return;
    const body = JSON.parse(text) as unknown;
    for (const h of [...set]) {
      try {
        h(body, from);
      } catch (err) {
        this.onError(err, `handler of ${channel}`);
      }
    }
  }

  /** @internal */
  resumed(): void {
    for (const fn of [...this.resumers]) {
      try {
        fn();
      } catch (err) {
        this.onError(err, 'resume');
      }
    }
  }
}
