import type { EventBus } from './eventBus.ts';
import type { RedisBus } from './redisBus.ts';

/** Agents' sockets (with their availability) and visitors' sockets, by conversation. */
export type PresenceKind = 'agent' | 'visitor';

/** What one node holds for one agent or conversation. */
export interface PresenceRecord {
  sockets: number;
  /** An agent's availability as of their latest change on that node. */
  status?: string;
}

export interface PresenceOptions {
  bus: EventBus;
  /** The Redis side when there are several nodes; without it presence is this process's alone. */
  redis?: RedisBus;
  /** How often a node says it is alive and pulls the others' presence (default 1 s). */
  heartbeatMs?: number;
  /** How long after its last heartbeat a node stops counting (default 3 s). */
  ttlMs?: number;
  onError?: (err: unknown, where: string) => void;
}

type Delta = [key: string, rec: PresenceRecord | null][];

const CHANNEL = 'presence';

/**
 * Who is connected where. Each node owns its part and writes it to Redis (a hash per node that expires with the
 * node's heartbeat key), announces every change on the bus at once, and pulls the others' hashes on every
 * heartbeat (which repairs any announcement the bus lost). A node that dies stops counting when its heartbeat
 * key expires: within `ttlMs` plus a heartbeat. Reads are synchronous, from this node's view.
 */
export class Presence {
  private readonly local = new Map<string, PresenceRecord>();
  private readonly remote = new Map<string, Map<string, { raw: string; rec: PresenceRecord }>>();
  private readonly listeners = new Set<(kind: PresenceKind, id: string) => void>();
  private readonly goneListeners = new Set<(node: string) => void>();
  private readonly dirty = new Set<string>();
  private readonly heartbeatMs: number;
  private readonly ttlMs: number;
  private readonly onError: (err: unknown, where: string) => void;
  private flushQueued = false;
  private rewrite = true;
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: PresenceOptions) {
    this.heartbeatMs = opts.heartbeatMs ?? 1000;
    this.ttlMs = opts.ttlMs ?? 3000;
    this.onError = opts.onError ?? (() => {});
  }

  get node(): string {
    return this.opts.bus.node;
  }

  /** Starts announcing and listening; resolves after the first heartbeat (the view then holds the others). */
  async start(): Promise<void> {
    if (!this.opts.redis) return;
    this.unsubscribe = this.opts.bus.subscribe(CHANNEL, (body, from) => this.applyDelta(from, body as Delta));
    await this.opts.bus.ready();
    await this.heartbeat();
    this.timer = setInterval(() => void this.heartbeat(), this.heartbeatMs);
    this.timer.unref();
  }

  /** Stops, and removes this node's presence at once (a graceful shutdown needs no expiry). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    await this.beating;
    const redis = this.opts.redis;
    if (!redis) return;
    try {
      const r = redis.commands;
      await r
        .multi()
        .del(redis.key(`node:${this.node}`), redis.key(`presence:${this.node}`))
        .srem(redis.key('nodes'), this.node)
        .exec();
      this.opts.bus.publish(
        CHANNEL,
        [...this.local.keys()].map((k) => [k, null]),
      );
    } catch (err) {
      this.onError(err, 'presence stop');
    }
  }

  /** A socket of `id` opened on this node (`status`: an agent's availability). */
  connected(kind: PresenceKind, id: string, status?: string): void {
    const key = keyOf(kind, id);
    const rec = this.local.get(key);
    this.setLocal(key, { sockets: (rec?.sockets ?? 0) + 1, status: status ?? rec?.status });
  }

  /** A socket of `id` closed on this node. */
  disconnected(kind: PresenceKind, id: string): void {
    const key = keyOf(kind, id);
    const rec = this.local.get(key);
    if (!rec) return;
    this.setLocal(key, rec.sockets <= 1 ? null : { ...rec, sockets: rec.sockets - 1 });
  }

  /** An agent connected here changed their availability. */
  setStatus(agentId: string, status: string): void {
    const key = keyOf('agent', agentId);
    const rec = this.local.get(key);
    if (rec && rec.status !== status) this.setLocal(key, { ...rec, status });
  }

  /** Open sockets of `id` on every live node. */
  sockets(kind: PresenceKind, id: string): number {
    const key = keyOf(kind, id);
    let n = this.local.get(key)?.sockets ?? 0;
    for (const recs of this.remote.values()) n += recs.get(key)?.rec.sockets ?? 0;
    return n;
  }

  /** The live nodes where `id` has sockets. */
  nodesOf(kind: PresenceKind, id: string): string[] {
    const key = keyOf(kind, id);
    const nodes = this.local.has(key) ? [this.node] : [];
    for (const [node, recs] of this.remote) if (recs.has(key)) nodes.push(node);
    return nodes;
  }

  /** An agent's availability as last reported by a node holding one of their sockets. */
  status(agentId: string): string | undefined {
    const key = keyOf('agent', agentId);
    const own = this.local.get(key)?.status;
    if (own) return own;
    for (const recs of this.remote.values()) {
      const s = recs.get(key)?.rec.status;
      if (s) return s;
    }
    return undefined;
  }

  /** Every node this one knows to be alive, itself first. */
  nodes(): string[] {
    return [this.node, ...this.remote.keys()];
  }

  /** Called whenever the cluster-wide presence of an agent or a conversation may have changed. */
  onChange(fn: (kind: PresenceKind, id: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Called when a node stops counting (its heartbeat expired or it shut down). */
  onNodeGone(fn: (node: string) => void): () => void {
    this.goneListeners.add(fn);
    return () => this.goneListeners.delete(fn);
  }

  private setLocal(key: string, rec: PresenceRecord | null): void {
    if (rec) this.local.set(key, rec);
    else this.local.delete(key);
    this.changed(key);
    if (!this.opts.redis) return;
    this.dirty.add(key);
    if (this.flushQueued) return;
    this.flushQueued = true;
    // One write and one announcement per event-loop turn, however many sockets came and went in it.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.flushQueued = false;
    const redis = this.opts.redis!;
    const keys = [...this.dirty];
    this.dirty.clear();
    if (!keys.length || !this.timer) return;
    const delta: Delta = keys.map((k) => [k, this.local.get(k) ?? null]);
    const hash = redis.key(`presence:${this.node}`);
    const m = redis.commands.multi();
    for (const [k, rec] of delta) {
      if (rec) m.hset(hash, k, JSON.stringify(rec));
      else m.hdel(hash, k);
    }
    m.pexpire(hash, this.ttlMs);
    try {
      await m.exec();
      this.opts.bus.publish(CHANNEL, delta);
    } catch (err) {
      // The next heartbeat writes everything again.
      this.rewrite = true;
      this.onError(err, 'presence write');
    }
  }

  private heartbeat(): Promise<void> {
    this.beating ??= this.beat().finally(() => (this.beating = undefined));
    return this.beating;
  }

  private async beat(): Promise<void> {
    const redis = this.opts.redis!;
    const r = redis.commands;
    const hash = redis.key(`presence:${this.node}`);
    try {
      // GET tells whether our heartbeat key was still there: if not (Redis restarted, or we were cut off for
      // longer than the TTL) the others have dropped us, and our whole hash is written again.
      const [[, prev]] = (await r
        .multi()
        .set(redis.key(`node:${this.node}`), String(Date.now()), 'PX', this.ttlMs, 'GET')
        .sadd(redis.key('nodes'), this.node)
        .pexpire(hash, this.ttlMs)
        .exec()) as [[unknown, string | null], ...unknown[]];
      if (prev === null || this.rewrite) {
        this.rewrite = false;
        const m = r.multi().del(hash);
        if (this.local.size)
          m.hset(hash, Object.fromEntries([...this.local].map(([k, rec]) => [k, JSON.stringify(rec)])));
        await m.pexpire(hash, this.ttlMs).exec();
        this.opts.bus.publish(
          CHANNEL,
          [...this.local].map(([k, rec]) => [k, rec]),
        );
      }
      await this.pull();
    } catch (err) {
      this.rewrite = true;
      this.onError(err, 'presence heartbeat');
    }
  }

  /** Reads every other node's presence; drops the nodes whose heartbeat expired. */
  private async pull(): Promise<void> {
    const redis = this.opts.redis!;
    const r = redis.commands;
    const nodes = (await r.smembers(redis.key('nodes'))).filter((n) => n !== this.node);
    const p = r.pipeline();
    for (const n of nodes) p.exists(redis.key(`node:${n}`)).hgetall(redis.key(`presence:${n}`));
    const res = ((await p.exec()) ?? []).map(([err, v]) => {
      if (err) throw err;
      return v;
    });
    const alive = new Set<string>();
    nodes.forEach((n, i) => {
      if (res[2 * i] !== 1) return;
      alive.add(n);
      this.replace(n, res[2 * i + 1] as Record<string, string>);
    });
    for (const n of nodes) if (!alive.has(n)) void r.srem(redis.key('nodes'), n).catch(() => {});
    for (const n of [...this.remote.keys()]) if (!alive.has(n)) this.gone(n);
  }

  private replace(node: string, hash: Record<string, string>): void {
    let recs = this.remote.get(node);
    if (!recs) this.remote.set(node, (recs = new Map()));
    const changed: string[] = [];
    for (const [k, raw] of Object.entries(hash)) {
      if (recs.get(k)?.raw === raw) continue;
      recs.set(k, { raw, rec: JSON.parse(raw) as PresenceRecord });
      changed.push(k);
    }
    for (const k of [...recs.keys()]) {
      if (hash[k] !== undefined) continue;
      recs.delete(k);
      changed.push(k);
    }
    for (const k of changed) this.changed(k);
  }

  private applyDelta(node: string, delta: Delta): void {
    let recs = this.remote.get(node);
    if (!recs) this.remote.set(node, (recs = new Map()));
    for (const [k, rec] of delta) {
      if (rec) recs.set(k, { raw: JSON.stringify(rec), rec });
      else recs.delete(k);
      this.changed(k);
    }
  }

  private gone(node: string): void {
    const recs = this.remote.get(node);
    this.remote.delete(node);
    for (const k of recs?.keys() ?? []) this.changed(k);
    for (const fn of [...this.goneListeners]) fn(node);
  }

  private changed(key: string): void {
    const i = key.indexOf(':');
    const kind = (key.slice(0, i) === 'a' ? 'agent' : 'visitor') as PresenceKind;
    const id = key.slice(i + 1);
    for (const fn of [...this.listeners]) fn(kind, id);
  }
}

function keyOf(kind: PresenceKind, id: string): string {
  return (kind === 'agent' ? 'a:' : 'v:') + id;
}
