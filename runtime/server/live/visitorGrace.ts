import type { Hub } from './hub.ts';

/**
 * A visitor who leaves (SPEC §4): a conversation waiting for an agent (in a queue, or with an offer pending) whose
 * visitor has had no socket open on any node for the workspace's `visitorGraceSec` is told to routing as `left`,
 * which withdraws the offer (the agent's slot is free again) or gives up the queue place. A reload or a navigation
 * comes back well within the grace and changes nothing.
 *
 * A sweep on the routing owner rather than a timer per closed socket: it reads presence the same way whether the
 * visitor's socket was on this node or another, and after a restart or a change of owner nothing has to be re-armed
 * (a conversation restored without its visitor is simply seen as gone from the first sweep on).
 */
export class VisitorGrace {
  /** Waiting conversations with no visitor socket, and since when (epoch ms) this owner has seen them so. */
  private readonly goneSince = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly hub: Hub) {}

  /** Sweeps every `everyMs` (a quarter of the grace, at most a second: the grace is kept to within that). */
  start(): void {
    const tick = () => {
      try {
        this.sweep();
      } catch (err) {
        this.hub.log.error({ err }, 'the visitor grace sweep failed');
      }
      this.timer = setTimeout(tick, this.everyMs());
      this.timer.unref();
    };
    this.timer = setTimeout(tick, this.everyMs());
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One pass: marks waiting conversations that lost their visitor, and sends `left` for those gone too long. */
  sweep(now = this.hub.now()): void {
    const hub = this.hub;
    if (!hub.routingOwner) return this.goneSince.clear();
    const graceMs = hub.workspace.settings.visitorGraceSec * 1000;
    const gone: string[] = [];
    const waiting = new Set<string>();
    for (const [id, record] of hub.router.state.visitors) {
      if (record.phase !== 'queued' && record.phase !== 'offered') continue;
      waiting.add(id);
      if (hub.connected('visitor', id)) {
        this.goneSince.delete(id);
        continue;
      }
      const since = this.goneSince.get(id);
      if (since === undefined) this.goneSince.set(id, now);
      else if (now - since >= graceMs) gone.push(id);
    }
    for (const id of this.goneSince.keys()) if (!waiting.has(id)) this.goneSince.delete(id);
    for (const id of gone) {
      this.goneSince.delete(id);
      hub.route({ type: 'left', visitor: id });
    }
  }

  private everyMs(): number {
    return Math.max(100, Math.min(1000, (this.hub.workspace.settings.visitorGraceSec * 1000) / 4));
  }
}
