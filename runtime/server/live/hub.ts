import type { Logger } from 'pino';
import type { AgentServerMessage } from '../../../shared/protocol/agent.ts';
import type { CallbackEvent, VisitorServerMessage } from '../../../shared/protocol/visitor.ts';
import type { AgentCard, TranscriptItem } from '../../../shared/protocol/common.ts';
import type { RoutingEvent, StepResult } from '../../../shared/routing/types.ts';
import type { SessionFacts } from '../../../shared/engine/index.ts';
import { avatarUrl } from '../api/views.ts';
import type { ConversationRecord, Renumbered, Sender } from '../store/conversations.ts';
import type { Store } from '../store/store.ts';
import type { Conv } from './conv.ts';
import { ClientSeqs } from './clientSeqs.ts';
import { SharedStrings } from './sharedStrings.ts';
import type { Draft } from './engineOutcome.ts';
import type { EventBus } from '../cluster/eventBus.ts';
import { LocalBus } from '../cluster/localBus.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import type { AgentPush } from '../push/pusher.ts';
import { PeerRelay } from '../cluster/peerRelay.ts';
import { mergeRecord } from '../cluster/mergeRecord.ts';
import type { Presence } from '../cluster/presence.ts';
import { PeerSet, type AgentPeer, type VisitorPeer } from './peers.ts';
import { markStoredElsewhere, storedElsewhere } from './storedElsewhere.ts';
import { carryOutRouting } from './liveChat.ts';
import { QueuePlaces } from '../routing/queuePlaces.ts';
import { Recorder } from '../results/recorder.ts';
import { Tally } from '../results/tally.ts';
import { Outbox } from '../webhooks/outbox.ts';
import { LeadLog } from '../results/leadLog.ts';
import { Router, readWorkspace, type WorkspaceSnapshot } from './router.ts';
import type { VersionCache } from './versionCache.ts';
import { NO_LIVECHAT_LIMITS, type LiveChatLimits } from '../security/liveChatLimits.ts';
import { MemoryCounters, type Counters } from '../security/counters.ts';

/** What the hub needs of the other nodes (cluster/liveCluster.ts). */
export interface HubCluster {
  /** What this node wrote of a conversation is durable: the record as it was written (not as it is now: memory may
   * have run ahead, with a step whose commit may still fail), the client ids stored. */
  changed(rec: ConversationRecord, keys: [string, number][]): void;
  /** An admin changed the workspace or a profile on this node. */
  workspaceChanged(): void;
  ownsRouting(): boolean;
  /** Takes a short lock shared by the nodes (`cluster/workLocks.ts`): its release, or null while another holds it. */
  lock(name: string, ttlMs: number): Promise<(() => void) | null>;
  /** Call before routing `agent`'s transfer of chat `visitor`: see `Hub.transferRefusal`. */
  transferRefusal(agent: string, visitor: string): Promise<string | undefined>;
}

/** How long a node may hold a conversation's lock (`Hub.exclusively`): its work under it takes milliseconds. */
const CONV_LOCK_TTL_MS = 10_000;

export interface HubMetrics {
  message(kind: string): void;
  decision(event: string): void;
  timerLag(ms: number): void;
}

/**
 * The live side of the runtime: open conversations, visitor and agent peers, and the routing engine on the real
 * clock. Every change follows one rule (DESIGN.md convention 7): update memory, queue the writes in this turn's
 * unit of work, and send only in its `after` — nothing reaches a client before it is durable. The routing engine
 * steps synchronously: what it needs (the workspace, the conversations it routes) is held in memory.
 */
export class Hub {
  readonly convs = new Map<string, Conv>();
  readonly visitors = new PeerSet<VisitorPeer>();
  readonly agents = new PeerSet<AgentPeer>();
  readonly router: Router;
  /** Limits on live-chat requests (security/liveChatLimits.ts); the composition root sets them. */
  liveChatLimits: LiveChatLimits = NO_LIVECHAT_LIMITS;
  /** Windowed counts for the visitors' other limits (transcripts by email): the composition root gives the
   * security's, shared across nodes with REDIS_URL. */
  counters: Counters = new MemoryCounters();
  /** One copy of the ids and names that open conversations share. */
  readonly strings = new SharedStrings();
  /** Queue places and estimated waits for the visitors who wait (SPEC §4). */
  readonly queuePlaces = new QueuePlaces();
  /** Reaches sockets on other nodes too once `relayThrough` names the bus; alone, this process's only. */
  private relay = new PeerRelay(new LocalBus('local'), this);
  /** Who is connected on every node, once this node joined a cluster (alone, the peer sets say it all). */
  private presence: Presence | undefined;
  private readonly dirty = new Set<Conv>();
  private saveQueued = false;
  private pendingItems = new Map<Conv, Pending>();
  private itemsQueued = false;
  /** Conversations being read from the store: one read however many ask at once. */
  private readonly loading = new Map<string, Promise<Conv | undefined>>();
  /** Results: counts of what conversations do, written in the turn that stores it. */
  private readonly tally: Tally;
  private readonly outbox: Outbox;
  private readonly leads: LeadLog;
  readonly results: Recorder;
  /** Outgoing email (missed chats, offline messages, transcripts): queued, retried, never blocking. The
   * composition root replaces it with the one configured for the server. */
  mailer: Mailer;
  /** Web Push to agents' browsers (offers, visitor messages); the composition root sets it. */
  push: AgentPush = { toAgent() {} };
  /** Among several nodes (`shareWith`): the other nodes, and the routing owner wherever it runs. */
  private cluster: HubCluster | undefined;

  constructor(
    readonly store: Store,
    readonly versions: VersionCache,
    readonly log: Logger,
    readonly metrics: HubMetrics,
    /** The workspace as read at boot (`readWorkspace`); replaced after every admin change. */
    public workspace: WorkspaceSnapshot,
    readonly now: () => number = Date.now,
  ) {
    this.tally = new Tally(store, (fn) => this.write(fn));
    this.outbox = new Outbox(
      store,
      (fn) => this.write(fn),
      now,
      (err) => log.error({ err }, 'webhook subscriptions could not be read'),
    );
    this.leads = new LeadLog(store, (fn) => this.write(fn));
    this.results = new Recorder(this.tally, this.outbox, this.leads);
    this.mailer = createMailer({ store, log });
    this.router = new Router(workspace.routing, {
      now,
      onResult: (result, event) => this.routed(result, event),
      onTimerLag: (ms) => metrics.timerLag(ms),
    });
  }

  /** What the engine asks of the runtime (`shared/engine`), made once rather than for every step. */
  readonly engineFacts: SessionFacts = { agentsAvailable: (teamId) => this.router.agentsAvailable(teamId) };

  /** Whether this node runs routing now: alone, always (its router is the workspace's only one). */
  get routingOwner(): boolean {
    return this.cluster?.ownsRouting() ?? true;
  }

  /** Whether other nodes serve this workspace too (docs/scale-out.md). */
  get clustered(): boolean {
    return this.cluster !== undefined;
  }

  /**
   * Serves the workspace with other nodes: routing events go to the routing owner (this router becomes a
   * replica of its state), entries are numbered after the stored ones as they are stored, and `cluster` hears of
   * every durable change of a conversation made here. Messages to sockets reach every node (`joinCluster`).
   */
  shareWith(cluster: HubCluster & { bus: EventBus; presence: Presence }, submit: (event: RoutingEvent) => void): void {
    this.cluster = cluster;
    this.router.handTo(submit);
    this.joinCluster(cluster);
  }

  /** Loads open conversations and their routing records into the engine after a restart (offers, chats,
   * timers): routing steps synchronously on what is in memory. */
  async boot(): Promise<void> {
    const routed = await this.store.conversations.routed();
    for (const rec of routed) await this.conv(rec.id);
    const records = routed.map((c) => c.routing).filter((r): r is NonNullable<typeof r> => r != null);
    this.router.restore(records as never);
  }

  /** Re-reads the workspace after an admin change and hands it to the routing engine. */
  async workspaceChanged(): Promise<void> {
    this.workspace = await readWorkspace(this.store);
    this.router.workspaceChanged(this.workspace.routing);
    this.cluster?.workspaceChanged();
  }

  /** Re-reads the workspace after another node's admin change (that node told routing). */
  async rereadWorkspace(): Promise<void> {
    this.workspace = await readWorkspace(this.store);
  }

  /** Re-reads the users (names and pictures on agents' cards). */
  async profileChanged(): Promise<void> {
    const users = await this.store.users.list();
    this.workspace = { ...this.workspace, users: new Map(users.map((u) => [u.id, u])) };
    this.cluster?.workspaceChanged();
  }

  /** Another node changed the webhook endpoints, or messages from the other nodes may have been lost: the outbox
   * reads again which event types have a subscriber. */
  webhookEndpointsChanged(): void {
    this.outbox.subscriptions.changed();
  }

  /** The open conversation `id` if it is in memory. */
  cached(id: string): Conv | undefined {
    return this.convs.get(id);
  }

  /**
   * Among several nodes: this node's copy of conversation `id` takes in what the store holds now (another node may
   * have committed a change whose announcement has not arrived yet, e.g. the routing owner connecting this node's
   * agent a moment before the agent's first message).
   */
  async refresh(id: string): Promise<void> {
    const conv = this.convs.get(id);
    if (!conv) return;
    const rec = await this.store.conversations.get(id);
    if (rec) mergeRecord(conv.rec, rec);
  }

  /** The open conversation `id`, loaded from the store on first use; undefined when unknown or over. */
  conv(id: string): Promise<Conv | undefined> | Conv | undefined {
    const cached = this.convs.get(id);
    if (cached) return cached;
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.load(id).finally(() => this.loading.delete(id));
      this.loading.set(id, loading);
    }
    return loading;
  }

  private async load(id: string): Promise<Conv | undefined> {
    const rec = await this.store.conversations.get(id);
    if (!rec || rec.status === 'ended') return undefined;
    const compiled = await this.versions.get(rec.streamId, rec.version);
    if (!compiled) {
      this.log.error({ conversation: id }, 'conversation names a version that is not stored');
      return undefined;
    }
    const [dialogue, visitor, clientSeqs] = await Promise.all([
      this.store.dialogues.get(rec.dialogueId),
      this.store.conversations.visitor(rec.visitorId),
      this.store.conversations.clientSeqs(id),
    ]);
    // Someone may have started or loaded it meanwhile: memory is ahead of the store, keep that one.
    const meanwhile = this.convs.get(id);
    if (meanwhile) return meanwhile;
    rec.dialogueId = this.strings.of(rec.dialogueId);
    rec.streamId = this.strings.of(rec.streamId);
    const engine = rec.engine as { hash?: string } | null;
    if (engine?.hash === compiled.hash) engine.hash = compiled.hash;
    const conv: Conv = {
      rec,
      compiled,
      dialogueName: this.strings.of(dialogue?.name ?? compiled.name),
      profile: visitor?.profile ?? {},
      clientSeqs: ClientSeqs.of(clientSeqs),
    };
    this.convs.set(id, conv);
    return conv;
  }

  /** Queues the writes `write` makes in this turn's transaction (it runs when the turn's writes are gathered). */
  write(write: () => void): void {
    this.store.commit.beforeCommit(write);
  }

  /** Runs `fn` once everything queued so far is durable. */
  after(fn: () => void | Promise<void>): void {
    this.store.commit.after(fn);
  }

  /** Marks the conversation's record for saving in this turn's transaction (once, however often it changes). */
  touch(conv: Conv): void {
    conv.rec.updatedAt = this.now();
    this.dirty.add(conv);
    if (this.saveQueued) return;
    this.saveQueued = true;
    this.write(() => {
      this.saveQueued = false;
      for (const c of this.dirty) void this.store.conversations.save(c.rec);
      const cluster = this.cluster;
      if (cluster) {
        const saved = [...this.dirty].map((c) => ({ ...c.rec }));
        this.after(() => saved.forEach((rec) => cluster.changed(rec, [])));
      }
      this.dirty.clear();
    });
  }

  /**
   * Appends entries to the transcript: seq assigned now, stored in this turn's transaction (all entries a
   * conversation gets in one turn go into one row). Returns the entries (send them from `after`). `clientId`
   * makes the first entry idempotent for `sender`. The record is not saved for this: its last seq is read back
   * from the entries.
   */
  append(conv: Conv, drafts: Draft[], sender: Sender | null = null, clientId: string | null = null): TranscriptItem[] {
    const at = this.now();
    let pending = this.pendingItems.get(conv);
    if (!pending) this.pendingItems.set(conv, (pending = { items: [], json: [], keys: [] }));
    const items: TranscriptItem[] = new Array(drafts.length);
    for (let i = 0; i < drafts.length; i++) {
      // Object.assign, not spread: a spread over the several entry shapes goes megamorphic and costs ~4 µs an
      // entry on Node 20 (measured), a tenth of a whole step.
      const item = Object.assign({}, drafts[i]) as TranscriptItem;
      item.seq = ++conv.rec.lastSeq;
      item.at = at;
      if (i === 0 && clientId && sender) {
        const key = `${sender}|${clientId}`;
        conv.clientSeqs.set(key, item.seq);
        if (this.cluster) pending.keys.push(key);
      }
      const json = JSON.stringify(item);
      keepText(item, json);
      pending.items.push(item);
      pending.json.push(json);
      items[i] = item;
    }
    if (!this.itemsQueued && items.length) {
      this.itemsQueued = true;
      this.write(() => {
        this.itemsQueued = false;
        const all = this.pendingItems;
        this.pendingItems = new Map();
        const cluster = this.cluster;
        if (!cluster) {
          for (const [c, p] of all) void this.store.conversations.addItems(c.rec.id, p.items, p.json);
          return;
        }
        // In one order on every node, so that two nodes' transactions never wait on each other's locks.
        const ordered = [...all].sort(([a], [b]) => (a.rec.id < b.rec.id ? -1 : 1));
        // The records as they are with these entries: by the time they are durable a step may have run ahead.
        const recs = ordered.map(([c]) => ({ ...c.rec }));
        for (const [c, p] of ordered)
          void this.store.conversations.addItems(c.rec.id, p.items, p.json, (shift, taken) =>
            renumber(c, p, shift, taken),
          );
        this.after(() => {
          ordered.forEach(([c, p], i) => {
            // Moved past another node's entries at commit: the last seq is the last one stored.
            let lastSeq = recs[i].lastSeq;
            for (const item of p.items) if (item.seq > lastSeq) lastSeq = item.seq;
            cluster.changed(
              { ...recs[i], lastSeq },
              p.keys.map((k) => [k, c.clientSeqs.get(k)!]),
            );
          });
        });
      });
    }
    return items;
  }

  /**
   * Runs `fn` while no other node runs such work for conversation `id`, and holds the conversation's lock until
   * what `fn` queued is durable; waits for the lock while another node holds it (up to its TTL, then gives up:
   * false). For actions that must not run twice whose writes carry no entry of their own to find taken (the bot's
   * step run again for a stored reply, "talk to a person"): `fn` reads the store again first. Alone, at once.
   */
  async exclusively(id: string, fn: () => void | Promise<void>): Promise<boolean> {
    const cluster = this.cluster;
    if (!cluster) {
      await fn();
      return true;
    }
    const until = this.now() + CONV_LOCK_TTL_MS;
    let release: (() => void) | null;
    while (!(release = await cluster.lock(`conv:${id}`, CONV_LOCK_TTL_MS))) {
      if (this.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      await fn();
    } catch (err) {
      release();
      throw err;
    }
    // Once durable (never if that failed: the lock then expires).
    this.after(release);
    return true;
  }

  /** The seq of an entry already stored (or queued) for this client id, if any (all are in memory once loaded). */
  seqOf(conv: Conv, sender: Sender, clientId: string): number | undefined {
    return conv.clientSeqs.get(`${sender}|${clientId}`);
  }

  /** Sends entries to the visitor's sockets (but `except`) and to the agents holding the chat. */
  broadcast(conv: Conv, items: TranscriptItem[], opts: { skipAgents?: boolean; except?: VisitorPeer } = {}): void {
    const { id, agentId } = conv.rec;
    for (const item of items) {
      if (storedElsewhere(item)) continue;
      // An internal note is for agents only; the type of `toVisitor` refuses one, and this never sends one.
      if (item.type !== 'note') this.toVisitor(id, item, opts.except);
      if (!opts.skipAgents && agentId) this.toAgent(agentId, { type: 'item', conversationId: id, item });
    }
  }

  /**
   * Sends to every socket of the conversation's visitor but `except`: the one way out to visitors, so that
   * sockets on other nodes can be reached through the same call. Only what is durable may be sent.
   */
  toVisitor(conversationId: string, msg: VisitorServerMessage, except?: VisitorPeer): void {
    this.relay.toVisitor(conversationId, msg, except);
  }

  /** Sends to every socket (tab) of the agent: the one way out to agents. */
  toAgent(agentId: string, msg: AgentServerMessage): void {
    this.relay.toAgent(agentId, msg);
    // Once per message, on the node that sends it (the relay only delivers on the others).
    this.push.toAgent(agentId, msg);
  }

  /**
   * Joins the other nodes: messages to visitors and agents also reach their sockets on the other nodes, and
   * whether someone is connected counts every node's sockets.
   */
  joinCluster(cluster: { bus: EventBus; presence: Presence }): void {
    this.relay.stop();
    this.relay = new PeerRelay(cluster.bus, this);
    this.relay.start();
    this.presence = cluster.presence;
  }

  /** A visitor socket follows conversation `conversationId` from now on. */
  addVisitor(conversationId: string, peer: VisitorPeer): void {
    if (this.visitors.add(conversationId, peer)) this.presence?.connected('visitor', conversationId);
  }

  /** A visitor socket stopped following the conversation (closed, or moved to another one). */
  removeVisitor(conversationId: string, peer: VisitorPeer): void {
    if (this.visitors.delete(conversationId, peer)) this.presence?.disconnected('visitor', conversationId);
  }

  /** An agent's socket is open (signed in, with live chat); `status` is their availability. */
  addAgent(peer: AgentPeer, status: string): void {
    if (this.agents.add(peer.userId, peer)) this.presence?.connected('agent', peer.userId, status);
  }

  removeAgent(peer: AgentPeer): void {
    if (this.agents.delete(peer.userId, peer)) this.presence?.disconnected('agent', peer.userId);
  }

  /** An agent changed their availability. */
  agentStatus(agentId: string, status: string): void {
    this.presence?.setStatus(agentId, status);
  }

  /** Whether the conversation's visitor or the agent has a socket open on any node. */
  connected(kind: 'visitor' | 'agent', id: string): boolean {
    if (this.presence) return this.presence.sockets(kind, id) > 0;
    return kind === 'visitor' ? this.visitors.has(id) : this.agents.has(id);
  }

  /** Records a callback event and, once stored, tells the visitor's page. */
  callback(conv: Conv, name: CallbackEvent, data: Record<string, string> = {}): void {
    const at = this.now();
    const { id, dialogueId, visitorId } = conv.rec;
    this.write(() => void this.store.decisions.callback(at, id, dialogueId, visitorId, name, data));
    this.after(() => this.toVisitor(id, { type: 'callback', name, dialogueId, conversationId: id, data }));
  }

  /** Saves the visitor's profile in this turn's transaction. */
  saveProfile(conv: Conv): void {
    const profile = { ...conv.profile };
    this.write(() => void this.store.conversations.setProfile(conv.rec.visitorId, profile));
  }

  /** Feeds the routing engine; the result is stored and carried out by `carryOutRouting`. */
  /**
   * Among several nodes, where the routing owner decides elsewhere and later: called before routing `agent`'s
   * transfer of chat `visitor`, resolves with the owner's reason once it refused it (the engine's note), or
   * undefined once it went ahead, or when no word of it came in time. Alone: undefined (`route` answers).
   */
  transferRefusal(agent: string, visitor: string): Promise<string | undefined> {
    return this.cluster?.transferRefusal(agent, visitor) ?? Promise.resolve(undefined);
  }

  route(event: RoutingEvent): StepResult {
    const at = this.now();
    // Among several nodes the routing owner's journal is the log (the submit writes it in this turn).
    if (!this.cluster) this.write(() => void this.store.decisions.logEvent(at, event));
    return this.router.apply(event);
  }

  agentCard(userId: string): AgentCard {
    const u = this.workspace.users.get(userId);
    return { id: userId, name: u?.name ?? 'Agent', avatarUrl: u ? avatarUrl(u) : null };
  }

  /**
   * The last socket of a conversation went away: a conversation still with the bot leaves memory once its writes
   * are committed (it is loaded again if the visitor comes back). Live-chat ones stay: routing refers to them.
   */
  release(id: string): void {
    this.after(() => {
      const conv = this.convs.get(id);
      if (!conv || this.visitors.has(id) || conv.rec.status !== 'bot') return;
      if (this.dirty.has(conv) || this.pendingItems.has(conv)) return;
      this.convs.delete(id);
    });
  }

  /**
   * Stores what `fn` changes of a conversation (a bot step with its key: `stepFor`) as a group of its own in this
   * turn's transaction, its callbacks with it: a group that fails takes nothing else of the turn with it. The
   * turn's writes queued before are gathered first, outside the group. Resolves once durable; on a failure, see
   * `dropCopy`.
   */
  alone(fn: () => void): Promise<void> {
    const commit = this.store.commit;
    commit.gatherNow();
    return commit.atomically(() => {
      fn();
      commit.gatherNow();
    });
  }

  /** This node's copy of a conversation is ahead of the store (its group failed): it leaves memory and is read
   * again; resolves with the copy read. */
  dropCopy(conv: Conv): Promise<Conv | undefined> | Conv | undefined {
    const id = conv.rec.id;
    if (this.convs.get(id) === conv) this.convs.delete(id);
    this.dirty.delete(conv);
    this.pendingItems.delete(conv);
    return this.conv(id);
  }

  /** Drops every cached conversation: after a failed commit memory may be ahead of the store. The ones routing
   * refers to are read back at once (routing steps on what is in memory). */
  forget(): void {
    this.convs.clear();
    this.dirty.clear();
    this.saveQueued = false;
    this.pendingItems.clear();
    this.itemsQueued = false;
    this.tally.forget();
    this.outbox.forget();
    this.leads.forget();
    for (const id of this.router.state.visitors.keys())
      Promise.resolve(this.conv(id)).catch((err) => this.log.error({ err, conversation: id }, 'reloading failed'));
  }

  /** Ends a conversation for good: status, reason, and it leaves memory once saved. */
  finish(conv: Conv, reason: string): void {
    this.results.ended(conv.rec, reason);
    conv.rec.status = 'ended';
    conv.rec.endedAt = this.now();
    conv.rec.endReason = reason;
    this.touch(conv);
    this.after(() => {
      if (this.convs.get(conv.rec.id) === conv) this.convs.delete(conv.rec.id);
    });
  }

  private routed(result: StepResult, event: RoutingEvent): void {
    try {
      carryOutRouting(this, result, event);
    } catch (err) {
      this.log.error({ err }, 'applying a routing result failed');
    }
  }
}

/** Entries appended to a conversation in one turn, stored as one row. */
interface Pending {
  items: TranscriptItem[];
  json: string[];
  /** Client ids among them (`sender|clientId`), among several nodes. */
  keys: string[];
}

/**
 * Another node stored entries of the conversation since this node numbered its own: they move up by `shift`,
 * with their JSON texts, the client ids that name them and the conversation's last seq. Runs inside the commit,
 * before anything of them was sent.
 */
function renumber(conv: Conv, p: Pending, shift: number, taken: ReadonlyMap<number, number>): Renumbered {
  const moved = new Map<number, number>();
  const kept: TranscriptItem[] = [];
  const json: string[] = [];
  let next = p.items[0].seq + shift;
  p.items.forEach((item, i) => {
    const stored = taken.get(i);
    if (stored !== undefined) {
      // Another node stored this message first (sent to both at once): it is answered with that entry's seq and
      // not stored again, nor sent again (that node sent it to every socket).
      moved.set(item.seq, stored);
      item.seq = stored;
      markStoredElsewhere(item);
    } else {
      moved.set(item.seq, next);
      item.seq = next++;
    }
    const text = JSON.stringify(item);
    keepText(item, text);
    if (stored === undefined) {
      kept.push(item);
      json.push(text);
    }
  });
  for (const k of p.keys) {
    const seq = moved.get(conv.clientSeqs.get(k)!);
    if (seq !== undefined) conv.clientSeqs.set(k, seq);
  }
  if (kept.length) conv.rec.lastSeq = Math.max(conv.rec.lastSeq, kept[kept.length - 1].seq);
  p.json = json;
  return { items: kept, json };
}

/**
 * Entries are serialised once, for the store; sending them to visitors reuses the text. Kept under a symbol key,
 * which JSON.stringify skips, with the entry it was made from: a copy made with spread (`{ ...item, state }`)
 * carries the holder along but is not its entry, so it is serialised afresh. (A property set by assignment costs
 * ~20 ns; `Object.defineProperty`, which could hide it from spread, ~500 ns, and a WeakMap more: three entries a
 * step.)
 */
const JSON_TEXT = Symbol('json');

interface Serialised {
  of: object;
  text: string;
}

/** Keeps `text`, the JSON of `item`, for `serialise` (the store's text of an entry, sent as it is). */
export function keepText(item: object, text: string): void {
  (item as { [JSON_TEXT]?: Serialised })[JSON_TEXT] = { of: item, text };
}

/** The JSON text of a message, from the cache when it is a stored entry. */
export function serialise(msg: object): string {
  const kept = (msg as { [JSON_TEXT]?: Serialised })[JSON_TEXT];
  return kept !== undefined && kept.of === msg ? kept.text : JSON.stringify(msg);
}
