import { step } from '../../../shared/routing/engine.ts';
import { nextTimerAt } from '../../../shared/routing/queries.ts';
import { createRoutingState, type RoutingState } from '../../../shared/routing/state.ts';
import type {
  Decision,
  Note,
  RoutingEvent,
  RoutingWorkspace,
  StepResult,
  VisitorRecord,
} from '../../../shared/routing/types.ts';
import type { EventBus } from './eventBus.ts';
import type { RoutingJournal } from './routingJournal.ts';
import type { LeaseOptions, Ownership, RoutingLease } from './routingLease.ts';

/** What one committed engine step decided, as every node learns it (to tell its own agents and visitors). */
export interface Routed {
  epoch: number;
  /** The input applied (`tick` for an accept timer, `restore` for a deadline that passed during a failover). */
  event: RoutingEvent;
  decisions: Decision[];
  records: VisitorRecord[];
  /** The engine's clock for this step (epoch seconds): replaying the step on a copy of the state gives the same. */
  at: number;
  /** When the step decided nothing, the engine's notes on why (a refused transfer's reason, for its sender). */
  notes?: Note[];
}

/** The state an owner's engine started from when it took over (before its `restore` steps). */
export interface RoutingBase {
  epoch: number;
  workspace: RoutingWorkspace;
  /** Epoch seconds. */
  at: number;
}

export interface RoutingOwnerOptions {
  bus: EventBus;
  journal: RoutingJournal;
  /** Makes this node's lease with the owner's hooks (`Cluster.lease` bound to a name and an epoch source). */
  lease(hooks: Pick<LeaseOptions, 'onAcquired' | 'onLost'>): RoutingLease;
  /** The workspace as routing sees it, read from the store when this node becomes the owner. */
  workspace(): Promise<RoutingWorkspace>;
  /** Epoch ms. */
  now?: () => number;
  /** How often the owner looks at the journal even without a notice (a lost notice costs at most this). */
  pollMs?: number;
  onError?: (err: unknown, where: string) => void;
  /** Reads what a step is about before it is taken (the runtime loads the conversation it routes). */
  prepare?(event: RoutingEvent): Promise<void> | void;
  /**
   * Carries out a step's decisions, called synchronously between the step and its commit, so that the effects'
   * writes share the commit's transaction (`state` is the engine's after the step).
   */
  carryOut?(result: StepResult, event: RoutingEvent, state: RoutingState): void;
  /**
   * Runs `fn` once everything queued so far (the step's commit included) is durable, before what `carryOut`
   * queued after it: the store's `commit.after`. With it, the step is announced in that order, so a node hears
   * of a step before it hears of the step's effects (an offer reaches an agent after their node knows of it).
   */
  afterCommit?(fn: () => void): void;
}

const CHANNEL = { input: 'routing:input', routed: 'routing:routed', base: 'routing:base' };

interface Engine {
  epoch: number;
  state: RoutingState;
  applied: number;
  timer?: NodeJS.Timeout;
  timerDue?: number;
}

/**
 * Routing with one owner among the nodes. Any node `submit`s an input: it is appended to the durable journal and
 * the owner is told on the bus. The owner (the holder of the routing lease) runs the pure engine: on taking over
 * it restores the engine from the journal's snapshot (the open requests with their offers' deadlines — a deadline
 * that passed meanwhile fires at once), applies the inputs it has not seen, then every new one in order, and arms
 * the accept timers. Each step is committed under the owner's epoch before anyone hears of it, and then announced
 * to every node (`onRouted`). A step the journal refuses (a newer owner exists) makes this node drop the engine.
 */
export class RoutingOwner {
  private engine: Engine | undefined;
  private readonly lease: RoutingLease;
  private readonly routedListeners = new Set<(r: Routed) => void>();
  private readonly baseListeners = new Set<(b: RoutingBase) => void>();
  private work: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly onError: (err: unknown, where: string) => void;
  private readonly offs: (() => void)[] = [];
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly opts: RoutingOwnerOptions) {
    this.now = opts.now ?? Date.now;
    this.onError = opts.onError ?? (() => {});
    this.lease = opts.lease({
      onAcquired: (o) => this.enqueue(() => this.takeOver(o)),
      onLost: (o) => this.drop(o.epoch),
    });
  }

  /** The engine's state while this node is the owner (read only), else undefined. */
  get state(): RoutingState | undefined {
    return this.lease.ownership && this.engine?.epoch === this.lease.ownership.epoch ? this.engine.state : undefined;
  }

  /** This node's epoch while it owns routing. */
  get epoch(): number | undefined {
    return this.state ? this.engine!.epoch : undefined;
  }

  async start(): Promise<void> {
    const { bus } = this.opts;
    this.offs.push(
      bus.subscribe(CHANNEL.input, () => this.kick()),
      bus.subscribe(CHANNEL.routed, (body) => this.announce(body as Routed)),
      bus.subscribe(CHANNEL.base, (body) => this.announceBase(body as RoutingBase)),
      bus.onResume(() => this.kick()),
    );
    await bus.ready();
    await this.lease.start();
    await this.work;
    this.poll = setInterval(() => this.kick(), this.opts.pollMs ?? 1000);
    this.poll.unref();
  }

  /** Stops owning (another node takes over at once) and listening. */
  async stop(): Promise<void> {
    clearInterval(this.poll);
    for (const off of this.offs.splice(0)) off();
    await this.lease.stop();
    await this.work;
  }

  /** Hands an input to routing, wherever its owner is; resolves once the input is durable. */
  async submit(event: RoutingEvent): Promise<number> {
    const id = await this.opts.journal.append(event, this.now());
    this.opts.bus.publish(CHANNEL.input, id);
    this.kick();
    return id;
  }

  /** Calls `fn` with every committed step, on every node (this one included). */
  onRouted(fn: (r: Routed) => void): () => void {
    this.routedListeners.add(fn);
    return () => this.routedListeners.delete(fn);
  }

  /** Calls `fn` on every node when an owner took over, with the state its engine starts from (before the steps
   * that restore the open requests, which follow as `onRouted`). */
  onBase(fn: (b: RoutingBase) => void): () => void {
    this.baseListeners.add(fn);
    return () => this.baseListeners.delete(fn);
  }

  private kick(): void {
    if (this.state) this.enqueue(() => this.drain());
  }

  /** Engine work runs one piece at a time, in order. */
  private enqueue(fn: () => Promise<void>): void {
    this.work = this.work.then(fn).catch((err) => this.onError(err, 'routing'));
  }

  private async takeOver(o: Ownership): Promise<void> {
    this.drop();
    const [workspace, snap] = await Promise.all([this.opts.workspace(), this.opts.journal.snapshot()]);
    if (this.lease.ownership?.epoch !== o.epoch) return;
    const base: RoutingBase = {
      epoch: o.epoch,
      workspace: { ...workspace, engagementsUsed: snap.engagements },
      at: this.now() / 1000,
    };
    const engine: Engine = {
      epoch: o.epoch,
      state: createRoutingState(structuredClone(base.workspace), { now: base.at }),
      applied: snap.applied,
    };
    this.engine = engine;
    this.opts.bus.publish(CHANNEL.base, base);
    this.announceBase(base);
    // Queued requests go back in their arrival order, so every queue keeps its order.
    const order = (r: VisitorRecord) => r.queue?.seq ?? -1;
    for (const record of [...snap.records].sort((a, b) => order(a) - order(b))) {
      await this.opts.prepare?.({ type: 'restore', record });
      if (this.current() !== engine) return;
      if (!(await this.apply(engine, { type: 'restore', record }, engine.applied))) return;
    }
    await this.drain();
  }

  private async drain(): Promise<void> {
    const engine = this.current();
    if (!engine) return;
    for (const entry of await this.opts.journal.since(engine.applied)) {
      await this.opts.prepare?.(entry.event);
      if (this.current() !== engine || !(await this.apply(engine, entry.event, entry.id))) return;
    }
    this.arm(engine);
  }

  /** One engine step, committed under the epoch, then announced. False when this node may no longer act. */
  private async apply(engine: Engine, event: RoutingEvent, applied: number): Promise<boolean> {
    const at = this.now() / 1000;
    // A copy as it was before the step (the engine may adopt and change a restored record).
    const input = structuredClone(event);
    const result = step(engine.state, event, at);
    const routed: Routed = {
      epoch: engine.epoch,
      event: input,
      decisions: result.decisions,
      // The engine keeps mutating its records: copies.
      records: result.records.map((r) => structuredClone(r) as VisitorRecord),
      at,
      ...(result.decisions.length ? {} : { notes: result.notes }),
    };
    const { afterCommit, carryOut } = this.opts;
    let ok: boolean;
    try {
      const committed = this.opts.journal.commit(engine.epoch, {
        applied,
        records: routed.records,
        decisions: routed.decisions,
        engagements: engine.state.engagements,
      });
      // Announced once durable (and only if: a refused commit fails its whole transaction), before the effects.
      afterCommit?.(() => {
        this.opts.bus.publish(CHANNEL.routed, routed);
        this.announce(routed);
      });
      carryOut?.(result, event, engine.state);
      ok = await committed;
    } catch (err) {
      // The engine is ahead of what is stored: build it again from the store.
      this.onError(err, 'routing commit');
      this.drop(engine.epoch);
      const o = this.lease.ownership;
      if (o) setTimeout(() => this.enqueue(() => this.takeOver(o)), 500).unref();
      return false;
    }
    if (!ok) {
      this.onError(new Error(`routing epoch ${engine.epoch} was superseded`), 'routing fence');
      this.drop(engine.epoch);
      return false;
    }
    engine.applied = applied;
    if (!afterCommit) {
      this.opts.bus.publish(CHANNEL.routed, routed);
      this.announce(routed);
    }
    return true;
  }

  /** Keeps one timeout armed for the earliest pending offer. */
  private arm(engine: Engine): void {
    const due = nextTimerAt(engine.state);
    if (due === engine.timerDue && engine.timer) return;
    clearTimeout(engine.timer);
    engine.timer = undefined;
    engine.timerDue = due;
    if (due === undefined) return;
    engine.timer = setTimeout(
      () => {
        engine.timer = undefined;
        this.enqueue(async () => {
          if (this.current() !== engine) return;
          if (await this.apply(engine, { type: 'tick' }, engine.applied)) this.arm(engine);
        });
      },
      Math.max(0, due * 1000 - this.now()),
    );
  }

  private current(): Engine | undefined {
    const e = this.engine;
    return e && this.lease.ownership?.epoch === e.epoch ? e : undefined;
  }

  private drop(epoch?: number): void {
    const e = this.engine;
    if (!e || (epoch !== undefined && e.epoch !== epoch)) return;
    clearTimeout(e.timer);
    this.engine = undefined;
  }

  private announceBase(b: RoutingBase): void {
    for (const fn of [...this.baseListeners]) {
      try {
        fn(b);
      } catch (err) {
        this.onError(err, 'base listener');
      }
    }
  }

  private announce(r: Routed): void {
    for (const fn of [...this.routedListeners]) {
      try {
        fn(r);
      } catch (err) {
        this.onError(err, 'routed listener');
      }
    }
  }
}
