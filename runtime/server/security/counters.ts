/**
 * Counts of events per key in a time window: the one seam every rate limit of the runtime counts through.
 * `MemoryCounters` serves one process. Where nodes share a resource (sign-ins, conversations, live-chat requests
 * against one workspace), `RedisCounters` makes the limit shared (with REDIS_URL): docs/security.md.
 */
export interface Counters {
  /**
   * Counts `n` events (default 1; a negative `n` takes back events counted ahead, never below 0) for `key` in its
   * current window of `windowMs`; returns the window's state after it.
   */
  add(key: string, windowMs: number, now: number, n?: number): WindowState;
  /**
   * Counts like `add`, and answers with the count every node agrees on: waits for the shared store (with
   * RedisCounters), so a limit checked where a reply may wait (a request, not a frame of the socket loop) holds
   * exactly across nodes. Without the shared store (alone, or Redis away) it is this node's count.
   */
  addShared(key: string, windowMs: number, now: number, n?: number): Promise<WindowState>;
  /** The window's state without counting (a fresh window when none is open). */
  peek(key: string, now: number): WindowState;
  clear(key: string): void;
}

export interface WindowState {
  count: number;
  /** When the first event of the window was counted. */
  start: number;
  /** When the latest event was counted. */
  last: number;
  /** When the window closes and the count starts again from 0. */
  resetAt: number;
}

const EMPTY = (now: number): WindowState => ({ count: 0, start: now, last: now, resetAt: now });

/**
 * In-memory fixed windows. Keys are evicted once their window has closed; the map never holds more than
 * `maxKeys` (the oldest window is dropped first), so an attacker who varies the key cannot grow it without bound.
 */
export class MemoryCounters implements Counters {
  private readonly map = new Map<string, WindowState>();
  private ops = 0;

  constructor(private readonly maxKeys = 100_000) {}

  add(key: string, windowMs: number, now: number, n = 1): WindowState {
    if (++this.ops % 1024 === 0) this.sweep(now);
    let w = this.map.get(key);
    if (!w || w.resetAt <= now) {
      if (w) this.map.delete(key);
      w = { count: 0, start: now, last: now, resetAt: now + windowMs };
      if (this.map.size >= this.maxKeys) this.map.delete(this.map.keys().next().value!);
      this.map.set(key, w);
    }
    w.count = Math.max(0, w.count + n);
    if (n > 0) w.last = now;
    return { ...w };
  }

  addShared(key: string, windowMs: number, now: number, n = 1): Promise<WindowState> {
    return Promise.resolve(this.add(key, windowMs, now, n));
  }

  peek(key: string, now: number): WindowState {
    const w = this.map.get(key);
    return w && w.resetAt > now ? { ...w } : EMPTY(now);
  }

  clear(key: string): void {
    this.map.delete(key);
  }

  /** Replaces a key's window (a shared count heard from elsewhere: see RedisCounters). */
  set(key: string, state: WindowState): void {
    if (!this.map.has(key) && this.map.size >= this.maxKeys) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, { ...state });
  }

  get size(): number {
    return this.map.size;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.map) if (w.resetAt <= now) this.map.delete(k);
  }
}
