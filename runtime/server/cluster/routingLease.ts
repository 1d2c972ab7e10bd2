import type { EpochSource } from './epochs.ts';
import type { RedisBus } from './redisBus.ts';

/** The holder of a lease at the moment it was acquired. */
export interface Ownership {
  /** The fencing token: every write made under this ownership is conditional on it still being current. */
  epoch: number;
}

export interface LeaseOptions {
  /** What the lease is for, e.g. `routing:<workspace>`. */
  name: string;
  node: string;
  epochs: EpochSource;
  /** The Redis side; without it this process is the only node and holds the lease from `start` on. */
  redis?: RedisBus;
  /** How long a holder that stopped renewing keeps the lease (default 3 s: the failover time's main part). */
  ttlMs?: number;
  /** Called when this node becomes the holder (restore state from the store, arm timers). */
  onAcquired?: (o: Ownership) => void | Promise<void>;
  /** Called when this node stops being the holder: it must stop acting at once (drop timers and state). */
  onLost?: (o: Ownership) => void;
  onError?: (err: unknown, where: string) => void;
  now?: () => number;
}

/** Renews only while the key still names this node (a holder never extends someone else's lease). */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Releases only this node's own lease. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A lease that at most one node holds at a time, with a fencing epoch (the way Redlock's single-instance lock and
 * Kleppmann's fencing tokens combine). The key `lease:<name>` holds the holder's node id with a TTL; the holder
 * renews it every third of the TTL; the others try to take it as often. On acquisition the holder draws a new
 * epoch from durable storage, and writes made under the lease carry it, so a holder that was paused past its TTL
 * and lost the lease without noticing cannot write: the store refuses a stale epoch.
 *
 * The holder also gives up on its own clock: once a whole TTL has passed since the last renewal Redis
 * confirmed, it calls `onLost` even if it cannot reach Redis to learn who holds the lease now.
 */
export class RoutingLease {
  private held: Ownership | undefined;
  private validUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly onError: (err: unknown, where: string) => void;

  constructor(private readonly opts: LeaseOptions) {
    this.ttlMs = opts.ttlMs ?? 3000;
    this.now = opts.now ?? (() => performance.now());
    this.onError = opts.onError ?? (() => {});
  }

  /** The current ownership if this node holds the lease (and its last renewal is recent enough), else undefined. */
  get ownership(): Ownership | undefined {
    if (this.held && this.opts.redis && this.now() >= this.validUntil) this.lose();
    return this.held;
  }

  /** Starts contending for the lease; resolves after the first attempt. */
  async start(): Promise<void> {
    this.stopped = false;
    if (!this.opts.redis) {
      await this.acquired(await this.opts.epochs.next(this.opts.name), Infinity);
      return;
    }
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(10, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  /** Stops contending, and releases the lease if held, so that another node takes over without waiting. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    const held = this.held;
    if (!held) return;
    this.lose();
    const redis = this.opts.redis;
    if (!redis) return;
    try {
      await redis.commands.eval(RELEASE, 1, this.key(redis), this.opts.node);
    } catch (err) {
      this.onError(err, 'lease release');
    }
  }

  /** The node that holds the lease now according to Redis (undefined: nobody, or Redis cannot say). */
  async holder(): Promise<string | undefined> {
    const redis = this.opts.redis;
    if (!redis) return this.held ? this.opts.node : undefined;
    try {
      return (await redis.commands.get(this.key(redis))) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private key(redis: RedisBus): string {
    return redis.key(`lease:${this.opts.name}`);
  }

  private tick(): Promise<void> {
    this.ticking ??= (this.held ? this.renew() : this.tryAcquire()).finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async tryAcquire(): Promise<void> {
    const redis = this.opts.redis!;
    const sent = this.now();
    try {
      const ok = await redis.commands.set(this.key(redis), this.opts.node, 'PX', this.ttlMs, 'NX');
      if (this.stopped) return;
      if (ok !== 'OK') return this.retryAtExpiry(redis);
      const epoch = await this.opts.epochs.next(this.opts.name);
      // Drawing the epoch took time: the lease may have run out meanwhile; renew confirms we still hold it.
      const renewed = await redis.commands.eval(RENEW, 1, this.key(redis), this.opts.node, this.ttlMs);
      if (renewed !== 1 || this.stopped) return;
      // Not awaited: renewals go on while the new holder restores its state.
      void this.acquired(epoch, sent + this.ttlMs);
    } catch (err) {
      this.onError(err, 'lease acquire');
    }
  }

  /**
   * Held by another node: try again right when its lease runs out rather than at the next tick, so that a dead
   * holder's lease is taken a few ms after it expires (the TTL itself is then all of a failover's wait).
   */
  private async retryAtExpiry(redis: RedisBus): Promise<void> {
    const left = await redis.commands.pttl(this.key(redis));
    if (left > 0 && left < this.ttlMs / 3 && !this.stopped) setTimeout(() => void this.tick(), left + 2).unref();
  }

  private async renew(): Promise<void> {
    const redis = this.opts.redis!;
    const sent = this.now();
    try {
      const renewed = await redis.commands.eval(RENEW, 1, this.key(redis), this.opts.node, this.ttlMs);
      if (renewed === 1) this.validUntil = sent + this.ttlMs;
      else this.lose(); // expired and maybe taken (or Redis restarted empty): acquire again with a new epoch
    } catch (err) {
      this.onError(err, 'lease renew');
      if (this.now() >= this.validUntil) this.lose();
    }
  }

  private async acquired(epoch: number, validUntil: number): Promise<void> {
    this.held = { epoch };
    this.validUntil = validUntil;
    try {
      await this.opts.onAcquired?.(this.held);
    } catch (err) {
      // A holder that cannot take up its duties must not keep the others from doing so.
      this.onError(err, 'lease onAcquired');
      await this.stopHolding();
    }
  }

  private async stopHolding(): Promise<void> {
    this.lose();
    const redis = this.opts.redis;
    if (redis) await redis.commands.eval(RELEASE, 1, this.key(redis), this.opts.node).catch(() => {});
  }

  private lose(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    this.validUntil = 0;
    try {
      this.opts.onLost?.(held);
    } catch (err) {
      this.onError(err, 'lease onLost');
    }
  }
}
