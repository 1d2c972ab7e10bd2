import type { Redis } from 'ioredis';
import type { BusHandler, EventBus } from './eventBus.ts';
import { connectRedis, openRedis } from './openRedis.ts';

/** The channel on which a node says "I dropped messages": every node then catches up from the store. */
const GAP_CHANNEL = 'gap';

export interface RedisBusOptions {
  url: string;
  node: string;
  /** Prefix of every channel name (several deployments may share one Redis). */
  prefix?: string;
  onError?: (err: unknown, where: string) => void;
}

/**
 * The event bus over Redis pub/sub (one connection publishes, one subscribes, as Redis requires). Messages are
 * `{"f": node, "b": body}`. After the subscriber's connection comes back it resubscribes every channel and then
 * reports a gap; a node whose publishes failed says so on a gap channel once it can, so that the nodes that
 * missed them catch up too.
 */
export class RedisBus implements EventBus {
  readonly node: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly prefix: string;
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private readonly resumers = new Set<() => void>();
  private readonly onError: (err: unknown, where: string) => void;
  private pending: Promise<unknown> = Promise.resolve();
  private dropped = false;
  private lostSub = false;
  private closed = false;

  private constructor(opts: RedisBusOptions) {
    this.node = opts.node;
    this.prefix = opts.prefix ?? 'tributary:';
    this.onError = opts.onError ?? (() => {});
    this.pub = openRedis(opts.url, `${this.node}:pub`);
    this.sub = openRedis(opts.url, `${this.node}:sub`);
    this.sub.on('message', (channel: string, text: string) => this.receive(channel, text));
    this.sub.on('close', () => (this.lostSub = true));
    this.sub.on('ready', () => {
      if (!this.lostSub || this.closed) return;
      this.lostSub = false;
      this.pending = this.resubscribe().then(() => this.resumed());
    });
    this.pub.on('ready', () => {
      if (!this.dropped || this.closed) return;
      this.dropped = false;
      this.publish(GAP_CHANNEL, null);
    });
    this.subscribe(GAP_CHANNEL, () => this.resumed());
  }

  /** A bus connected to Redis (waits until Redis answers). */
  static async connect(opts: RedisBusOptions): Promise<RedisBus> {
    const bus = new RedisBus(opts);
    await Promise.all([connectRedis(bus.pub), connectRedis(bus.sub)]);
    await bus.resubscribe();
    return bus;
  }

  /** The publishing connection, free for ordinary commands too (presence, leases). */
  get commands(): Redis {
    return this.pub;
  }

  /** The full Redis name of a key or channel. */
  key(name: string): string {
    return this.prefix + name;
  }

  publish(channel: string, body: unknown): void {
    if (this.closed) return;
    const text = JSON.stringify({ f: this.node, b: body });
    this.pub.publish(this.key(channel), text).catch((err: unknown) => {
      this.dropped = true;
      this.onError(err, `publish on ${channel}`);
    });
  }

  subscribe(channel: string, handler: BusHandler): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      this.handlers.set(channel, (set = new Set()));
      this.pending = this.pending.then(() => this.redisSubscribe([this.key(channel)]));
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size > 0 || this.handlers.get(channel) !== set) return;
      this.handlers.delete(channel);
      this.pending = this.pending.then(() =>
        this.sub.status === 'ready' ? this.sub.unsubscribe(this.key(channel)).catch(() => {}) : undefined,
      );
    };
  }

  onResume(fn: () => void): () => void {
    this.resumers.add(fn);
    return () => this.resumers.delete(fn);
  }

  async ready(): Promise<void> {
    await this.pending;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private async resubscribe(): Promise<void> {
    await this.redisSubscribe([...this.handlers.keys()].map((c) => this.key(c)));
  }

  private async redisSubscribe(channels: string[]): Promise<void> {
    if (!channels.length || this.sub.status !== 'ready') return; // 'ready' again later resubscribes everything
    try {
      await this.sub.subscribe(...channels);
    } catch (err) {
      this.onError(err, 'subscribe');
    }
  }

  private receive(channel: string, text: string): void {
    const set = this.handlers.get(channel.slice(this.prefix.length));
    if (!set) return;
    let msg: { f: string; b: unknown };
    try {
      msg = JSON.parse(text);
    } catch (err) {
      return this.onError(err, `message on ${channel}`);
    }
    if (msg.f === this.node) return;
    for (const h of [...set]) {
      try {
        h(msg.b, msg.f);
      } catch (err) {
        this.onError(err, `handler of ${channel}`);
      }
    }
  }

  private resumed(): void {
    for (const fn of [...this.resumers]) {
      try {
        fn();
      } catch (err) {
        this.onError(err, 'resume');
      }
    }
  }
}
