import type { EventBus } from './eventBus.ts';
import type { EpochSource } from './epochs.ts';
import { LocalBus } from './localBus.ts';
import { nodeIdentity, type NodeIdentity } from './nodeIdentity.ts';
import { Presence } from './presence.ts';
import { RedisBus } from './redisBus.ts';
import { RoutingLease, type LeaseOptions } from './routingLease.ts';
import { aloneLocks, redisLocks, type WorkLocks } from './workLocks.ts';

export interface ClusterOptions {
  /** `REDIS_URL`: several nodes share work through it; without it this process is the only node. */
  redisUrl?: string;
  node?: NodeIdentity;
  /** Prefix of every Redis key and channel (default `tributary:`). */
  prefix?: string;
  heartbeatMs?: number;
  /** How long a silent node keeps counting and a silent lease holder keeps its lease (default 3 s). */
  ttlMs?: number;
  onError?: (err: unknown, where: string) => void;
}

/**
 * What a node knows about the other nodes: its identity, the bus, presence and leases. The same shape with or
 * without Redis, so the rest of the runtime has one code path: alone, the bus reaches nobody, presence is this
 * process's, and every lease is held from the start.
 */
export class Cluster {
  private readonly leases = new Set<RoutingLease>();

  private constructor(
    readonly node: NodeIdentity,
    readonly bus: EventBus,
    readonly presence: Presence,
    /** Short locks for work one node does for all (see WorkLocks). */
    readonly locks: WorkLocks,
    private readonly redis: RedisBus | undefined,
    private readonly opts: ClusterOptions,
  ) {}

  static async start(opts: ClusterOptions = {}): Promise<Cluster> {
    const node = opts.node ?? nodeIdentity();
    const redis = opts.redisUrl
      ? await RedisBus.connect({ url: opts.redisUrl, node: node.id, prefix: opts.prefix, onError: opts.onError })
      : undefined;
    const bus = redis ?? new LocalBus(node.id, undefined, opts.onError);
    const presence = new Presence({
      bus,
      redis,
      heartbeatMs: opts.heartbeatMs,
      ttlMs: opts.ttlMs,
      onError: opts.onError,
    });
    await presence.start();
    const locks = redis ? redisLocks(redis, opts.onError ?? (() => {})) : aloneLocks;
    return new Cluster(node, bus, presence, locks, redis, opts);
  }

  /** Whether other nodes may exist (Redis is configured). */
  get shared(): boolean {
    return this.redis !== undefined;
  }

  /** A lease named `name` (not yet contended for: call its `start`). */
  lease(name: string, epochs: EpochSource, hooks: Pick<LeaseOptions, 'onAcquired' | 'onLost'> = {}): RoutingLease {
    const lease = new RoutingLease({
      name,
      node: this.node.id,
      epochs,
      redis: this.redis,
      ttlMs: this.opts.ttlMs,
      onError: this.opts.onError,
      ...hooks,
    });
    this.leases.add(lease);
    return lease;
  }

  /** Releases the leases, removes this node's presence and disconnects. */
  async close(): Promise<void> {
    await Promise.all([...this.leases].map((l) => l.stop()));
    await this.presence.stop();
    await this.bus.close();
  }
}
