import type { Logger } from 'pino';
import type { RoutingEvent, VisitorRecord } from '../../../shared/routing/types.ts';
import type { Hub } from '../live/hub.ts';
import { carryOutRouting } from '../live/liveChat.ts';
import { routingWorkspace } from '../live/router.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import { ROUTING_LEASE } from '../store/routingJournal.ts';
import type { Store } from '../store/store.ts';
import { catchUpSockets } from './catchUp.ts';
import type { Cluster } from './cluster.ts';
import { mergeRecord } from './mergeRecord.ts';
import { RoutingOwner, type Routed } from './routingOwner.ts';
import { stepStrandedReplies } from './strandedSteps.ts';

/** What a node tells the others once a change of a conversation it made is durable. */
interface ConvChange {
  rec: ConversationRecord;
  /** Client ids of the entries it stored (`sender|clientId` → seq). */
  keys: [string, number][];
}

const CHANNEL = { conv: 'conv', workspace: 'workspace', webhooks: 'webhooks' };
/** How long a transfer's sender waits for the owner's step to hear of a refusal: a failover takes about the TTL. */
const TRANSFER_ANSWER_MS = 30_000;

/**
 * The live layer of one node among several (docs/scale-out.md): routing goes to the one routing owner
 * (`RoutingOwner` over the store's journal, carrying out its decisions in the commit of each step), this node's
 * router becomes a replica of the owner's engine (rebased when an owner takes over, then replaying its committed
 * steps), conversations this node holds follow what other nodes stored of them, and admin changes reach every
 * node. Messages to sockets reach the other nodes through the hub's relay.
 */
export class LiveCluster {
  private readonly offs: (() => void)[] = [];
  /** The owner's epoch this node's replica follows (undefined: rebuild it from the store). */
  private epoch: number | undefined;
  private resyncing: Promise<void> | undefined;
  /** Transfers this node's agents asked for, waiting for the owner's step (`agent|visitor` → oldest first). */
  private readonly transfers = new Map<string, ((why: string | undefined) => void)[]>();

  private constructor(
    private readonly hub: Hub,
    private readonly store: Store,
    private readonly cluster: Cluster,
    readonly owner: RoutingOwner,
    private readonly log: Logger,
  ) {}

  static async start(hub: Hub, store: Store, cluster: Cluster, log: Logger): Promise<LiveCluster> {
    const owner = new RoutingOwner({
      bus: cluster.bus,
      journal: store.routing,
      lease: (hooks) => cluster.lease(ROUTING_LEASE, store.routing, hooks),
      workspace: () => routingWorkspace(store),
      async prepare(event) {
        const id = visitorOf(event);
        if (id) await hub.conv(id);
      },
      carryOut: (result, event, state) => carryOutRouting(hub, result, event, state),
      afterCommit: (fn) => store.commit.after(fn),
      onError: (err, where) => log.error({ err, where }, 'routing owner'),
    });
    const live = new LiveCluster(hub, store, cluster, owner, log);
    hub.shareWith(
      {
        bus: cluster.bus,
        presence: cluster.presence,
        changed: (rec, keys) => live.changed(rec, keys),
        workspaceChanged: () => cluster.bus.publish(CHANNEL.workspace, 1),
        ownsRouting: () => owner.epoch !== undefined,
        lock: (name, ttlMs) => cluster.locks.take(name, ttlMs),
        transferRefusal: (agent, visitor) => live.transferRefusal(agent, visitor),
      },
      (event) =>
        void owner.submit(event).catch((err) => log.error({ err, event: event.type }, 'a routing input was lost')),
    );
    const bus = cluster.bus;
    live.offs.push(
      bus.subscribe(CHANNEL.conv, (body) => live.merge(body as ConvChange)),
      bus.subscribe(CHANNEL.workspace, () => void hub.rereadWorkspace().catch((err) => log.error({ err }))),
      // Which event types have a subscriber: told once a change is durable here, heard from the others, and read
      // again after a gap (the outbox's cache, webhooks/subscriptions.ts).
      store.webhooks.onEndpointsChanged((durable) => durable && bus.publish(CHANNEL.webhooks, 1)),
      bus.subscribe(CHANNEL.webhooks, () => hub.webhookEndpointsChanged()),
      bus.onResume(() => {
        hub.webhookEndpointsChanged();
        void live.resync();
        catchUpSockets(hub).catch((err) => log.error({ err }, 'catching up sockets after a gap failed'));
      }),
      // A node killed between a commit and its publish took the publish with it: a gap as well.
      cluster.presence.onNodeGone((node) => {
        catchUpSockets(hub).catch((err) => log.error({ err }, 'catching up sockets after a node died failed'));
        // Or between a visitor's reply and the bot's step.
        stepStrandedReplies(hub, cluster.locks, node).catch((err) =>
          log.error({ err, node }, 'stepping the replies a dead node left without their step failed'),
        );
      }),
      owner.onBase((b) => {
        hub.router.rebase(b.workspace, b.at);
        live.epoch = b.epoch;
      }),
      owner.onRouted((r) => live.routed(r)),
    );
    await live.resync();
    await owner.start();
    return live;
  }

  /** Stops owning routing (another node takes over at once) and listening. */
  async stop(): Promise<void> {
    for (const off of this.offs.splice(0)) off();
    await this.owner.stop();
  }

  private changed(rec: ConversationRecord, keys: [string, number][]): void {
    this.cluster.bus.publish(CHANNEL.conv, { rec, keys } satisfies ConvChange);
  }

  /** Another node stored a change of a conversation: this node's copy (if it holds one) follows. */
  private merge({ rec, keys }: ConvChange): void {
    const conv = this.hub.cached(rec.id);
    if (!conv) return;
    for (const [k, seq] of keys) conv.clientSeqs.set(k, seq);
    mergeRecord(conv.rec, rec);
    // Over: it leaves memory (a socket that still follows it finds it ended in the store).
    if (conv.rec.status === 'ended') this.hub.convs.delete(rec.id);
  }

  /** Resolves with the routing owner's reason once it refused the transfer (undefined: it went ahead, or no word of
   * its step came within TRANSFER_ANSWER_MS: a failover, a gap on the bus). */
  private transferRefusal(agent: string, visitor: string): Promise<string | undefined> {
    const key = `${agent}|${visitor}`;
    return new Promise((resolve) => {
      const waiting = this.transfers.get(key) ?? [];
      const done = (why: string | undefined) => {
        clearTimeout(timer);
        const i = waiting.indexOf(done);
        if (i >= 0) waiting.splice(i, 1);
        if (!waiting.length && this.transfers.get(key) === waiting) this.transfers.delete(key);
        resolve(why);
      };
      const timer = setTimeout(() => done(undefined), TRANSFER_ANSWER_MS);
      timer.unref?.();
      waiting.push(done);
      this.transfers.set(key, waiting);
    });
  }

  /** A committed routing step: the replica takes it, and this node reads what its agents are offered or given. */
  private routed(r: Routed): void {
    if (r.event.type === 'transfer') {
      // The owner takes a chat's transfers in the order they were journalled: the oldest one asked here.
      const { agent, visitor } = r.event;
      const answer = this.transfers.get(`${agent}|${visitor}`)?.[0];
      const note = r.notes?.find((n) => n.visitor === visitor)?.text;
      answer?.(r.decisions.length ? undefined : (note ?? 'transfer refused'));
    }
    if (r.epoch !== this.epoch) return void this.resync();
    this.hub.router.replay(r.event, r.at);
    for (const d of r.decisions) {
      if ((d.event === 'offered' || d.event === 'connected') && d.agent && this.hub.agents.has(d.agent))
        Promise.resolve(this.hub.conv(d.visitor)).catch((err) => this.log.error({ err }, 'reading a routed chat'));
    }
  }

  /** Builds the replica from the store as a new owner would (after a gap, or on joining). */
  private resync(): Promise<void> {
    this.resyncing ??= (async () => {
      try {
        const [workspace, snap, epoch] = await Promise.all([
          routingWorkspace(this.store),
          this.store.routing.snapshot(),
          this.store.routing.current(ROUTING_LEASE),
        ]);
        const at = this.hub.now() / 1000;
        this.hub.router.rebase({ ...workspace, engagementsUsed: snap.engagements }, at);
        const order = (r: VisitorRecord) => r.queue?.seq ?? -1;
        for (const record of [...snap.records].sort((a, b) => order(a) - order(b)))
          this.hub.router.replay({ type: 'restore', record }, at);
        this.epoch = epoch;
      } catch (err) {
        this.log.error({ err }, 'rebuilding the routing replica failed');
        this.epoch = undefined;
      } finally {
        this.resyncing = undefined;
      }
    })();
    return this.resyncing;
  }
}

/** The conversation a routing input is about, if any. */
function visitorOf(event: RoutingEvent): string | undefined {
  if (event.type === 'restore') return event.record.visitor;
  return 'visitor' in event ? event.visitor : undefined;
}
