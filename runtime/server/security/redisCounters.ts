import type { Redis } from 'ioredis';
import { connectRedis, openRedis } from '../cluster/openRedis.ts';
import { MemoryCounters, type Counters, type WindowState } from './counters.ts';

/**
 * One window in Redis: a hash with the count, the first and the latest event's time, expiring when the window
 * closes (set when the window opens, so that a window is fixed: it never slides with later events). A count taken
 * back never goes below 0. Returns count, start, last and the milliseconds the window has left.
 */
const ADD = `
local c = redis.call('HINCRBY', KEYS[1], 'c', ARGV[1])
if c < 0 then redis.call('HSET', KEYS[1], 'c', 0) c = 0 end
if redis.call('HSETNX', KEYS[1], 's', ARGV[3]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if tonumber(ARGV[1]) > 0 then redis.call('HSET', KEYS[1], 'l', ARGV[3]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) ttl = tonumber(ARGV[2]) end
local f = redis.call('HMGET', KEYS[1], 's', 'l')
return {c, f[1], f[2] or f[1], ttl}`;

/** The window as ADD returns it, without counting; nothing when no window is open. */
const READ = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local f = redis.call('HMGET', KEYS[1], 'c', 's', 'l')
return {tonumber(f[1]) or 0, f[2], f[3] or f[2], redis.call('PTTL', KEYS[1])}`;

/** How long a node trusts its copy of a window it only reads before it asks Redis again. */
const REFRESH_MS = 1_000;

interface Known {
  /** Events this node counted that Redis has not confirmed yet. */
  inflight: number;
  /** When this node last heard the window's count from Redis. */
  heard: number;
}

/**
 * Counters shared by every node through Redis (with REDIS_URL): sign-in failures, live-chat requests, beacons per
 * address are counted once across nodes. The interface is synchronous (limits are checked in the socket loop),
 * so each node keeps a copy of every window it uses: `add` counts in the copy at once and in Redis in the
 * background, and Redis's answer (which holds the other nodes' events) becomes the copy, plus what this node
 * counted since. A node learns of another node's events at its next `add` of that key, or within a second of a
 * `peek`: past a limit, each node may let one more event through before its copy holds the others' count.
 * Without Redis (down, restarting) the copies go on counting alone: limits hold per node until it is back.
 */
export class RedisCounters implements Counters {
  private readonly copy: MemoryCounters;
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tributary:count:',
    maxKeys = 100_000,
    private readonly clock: () => number = Date.now,
  ) {
    this.copy = new MemoryCounters(maxKeys);
  }

  /** Counters on their own connection to `url` (waits until Redis answers, as a node's start does). */
  static async connect(url: string): Promise<RedisCounters> {
    const redis = openRedis(url, 'tributary-counters');
    await connectRedis(redis);
    return new RedisCounters(redis);
  }

  add(key: string, windowMs: number, now: number, n = 1): WindowState {
    const state = this.copy.add(key, windowMs, now, n);
    const k = this.knownOf(key);
    k.inflight += n;
    this.redis
      .eval(ADD, 1, this.prefix + key, n, windowMs, now)
      .then((reply) => {
        k.inflight -= n;
        this.heard(key, reply as [number, string, string, number], k);
      })
      .catch(() => {
        // Redis is away: this node's own count stands.
        k.inflight -= n;
      });
    return state;
  }

  async addShared(key: string, windowMs: number, now: number, n = 1): Promise<WindowState> {
    const k = this.knownOf(key);
    let reply: [number, string, string, number];
    try {
      reply = (await this.redis.eval(ADD, 1, this.prefix + key, n, windowMs, now)) as typeof reply;
    } catch {
      // Redis is away: this node counts alone until it is back.
      return this.copy.add(key, windowMs, now, n);
    }
    this.heard(key, reply, k);
    // Redis's own count (the copy may add what this node counted in the background meanwhile).
    return { ...this.copy.peek(key, this.clock()), count: Number(reply[0]) };
  }

  peek(key: string, now: number): WindowState {
    const k = this.known.get(key);
    if (!k || now - k.heard > REFRESH_MS) this.refresh(key);
    return this.copy.peek(key, now);
  }

  clear(key: string): void {
    this.copy.clear(key);
    this.known.delete(key);
    this.redis.del(this.prefix + key).catch(() => {});
  }

  close(): void {
    this.redis.disconnect();
  }

  /** Resolves once every command sent so far is answered (tests). */
  async settled(): Promise<void> {
    await this.redis.ping().catch(() => {});
  }

  private knownOf(key: string): Known {
    let k = this.known.get(key);
    if (!k) {
      // Bounded like the copy: an attacker who varies the key cannot grow it without bound.
      if (this.known.size >= 100_000) this.known.delete(this.known.keys().next().value!);
      this.known.set(key, (k = { inflight: 0, heard: 0 }));
    }
    return k;
  }

  private refresh(key: string): void {
    const k = this.knownOf(key);
    k.heard = this.clock();
    this.redis
      .eval(READ, 1, this.prefix + key)
      .then((reply) => {
        if (reply) this.heard(key, reply as [number, string, string, number], k);
        else if (k.inflight === 0) this.copy.clear(key);
      })
      .catch(() => {});
  }

  /** Redis's count of the window, plus what this node counted that Redis has not answered yet, becomes the copy. */
  private heard(key: string, [count, start, last, ttl]: [number, string, string, number], k: Known): void {
    const now = this.clock();
    k.heard = now;
    this.copy.set(key, {
      count: Math.max(0, Number(count) + k.inflight),
      start: Number(start),
      last: Number(last),
      resetAt: now + Number(ttl),
    });
  }
}
