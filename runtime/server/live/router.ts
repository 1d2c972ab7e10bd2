import { step } from '../../../shared/routing/engine.ts';
import { agentsAvailable, nextTimerAt } from '../../../shared/routing/queries.ts';
import { createRoutingState, type RoutingState } from '../../../shared/routing/state.ts';
import type { RoutingEvent, RoutingWorkspace, StepResult, VisitorRecord } from '../../../shared/routing/types.ts';
import type { Settings } from '../store/settings.ts';
import type { Store } from '../store/store.ts';
import type { User } from '../store/users.ts';

export type FullRoutingWorkspace = RoutingWorkspace & Required<Pick<RoutingWorkspace, 'agents' | 'teams' | 'rules'>>;

/** What the live side reads of the workspace on every step, kept in memory: re-read at boot and after an admin
 * change (`workspaceChanged`). */
export interface WorkspaceSnapshot {
  name: string;
  settings: Settings;
  /** Every user by id (names and avatars of agents' cards). */
  users: Map<string, User>;
  routing: FullRoutingWorkspace;
}

export async function readWorkspace(store: Store): Promise<WorkspaceSnapshot> {
  const [name, settings, users, routing] = await Promise.all([
    store.meta.workspace(),
    store.meta.settings(),
    store.users.list(),
    routingWorkspace(store),
  ]);
  return { name, settings, users: new Map(users.map((u) => [u.id, u])), routing };
}

/** The workspace as the routing engine sees it, read from the store (agents in their stable order). */
export async function routingWorkspace(store: Store): Promise<FullRoutingWorkspace> {
  const [s, teams, users, rules, engagementsUsed] = await Promise.all([
    store.meta.settings(),
    store.teams.list(),
    store.users.list(),
    store.meta.rules(),
    store.meta.engagementsUsed(),
  ]);
  const schedules = await store.meta.schedules();
  const memberOf = new Map<string, string[]>();
  for (const t of teams) for (const m of t.members) memberOf.set(m, [...(memberOf.get(m) ?? []), t.id]);
  return {
    plan: s.plan,
    settings: {
      acceptTimeoutSec: s.acceptTimeoutSec,
      maxChatsPerAgent: s.maxChatsPerAgent,
      trialEngagementLimit: s.trialEngagementLimit,
      queue: s.queue,
      fallbackToRoundRobin: s.fallbackToRoundRobin,
    },
    agents: users
      .filter((u) => u.roles.includes('agent'))
      .map((u) => ({
        id: u.id,
        liveChat: u.liveChat,
        status: u.status,
        teams: memberOf.get(u.id) ?? [],
        schedule: schedules[u.id],
      })),
    teams: teams.map((t) => ({ id: t.id })),
    rules: rules.map((r) => ({ id: r.id, when: r.when, route: r.route })),
    engagementsUsed,
    businessHours: s.businessHours ?? undefined,
  };
}

export interface RouterOptions {
  /** Epoch ms; tests may pass a fake clock. */
  now(): number;
  /** Every step's result, from events and from timers alike. */
  onResult(result: StepResult, event: RoutingEvent): void;
  /** How late an accept timer fired (ms), for the timer-lag metric. */
  onTimerLag?(ms: number): void;
}

const NOTHING: StepResult = { decisions: [], timers: { arm: [], cancel: [] }, records: [], notes: [], queues: [] };

/**
 * The shared routing engine on the real clock (SPEC §8.3: "the runtime uses the very same engine"). The engine
 * counts seconds; this wrapper feeds it epoch seconds and keeps one timeout armed for the earliest pending offer.
 */
export class Router {
  state: RoutingState;
  private timer: NodeJS.Timeout | undefined;
  private timerDue: number | undefined;
  private submit: ((event: RoutingEvent) => void) | undefined;

  constructor(
    workspace: FullRoutingWorkspace,
    private readonly opts: RouterOptions,
  ) {
    this.state = createRoutingState(workspace, { now: opts.now() / 1000 });
  }

  /**
   * Hands back the records of conversations that were queued, offered or connected before a restart. Queued ones
   * go back in their arrival order, so every queue keeps its order.
   */
  restore(records: VisitorRecord[]): void {
    const order = (r: VisitorRecord) => r.queue?.seq ?? -1;
    for (const record of [...records].sort((a, b) => order(a) - order(b))) this.apply({ type: 'restore', record });
  }

  apply(event: RoutingEvent): StepResult {
    if (this.submit) {
      this.submit(event);
      return NOTHING;
    }
    const now = this.opts.now() / 1000;
    const result = step(this.state, event, now);
    this.opts.onResult(result, event);
    this.arm();
    return result;
  }

  /** Takes agents, teams, rules, settings and plan as re-read after an admin change. */
  workspaceChanged(ws: FullRoutingWorkspace): void {
    const known = new Set(ws.agents.map((a) => a.id));
    for (const id of this.state.agents.keys()) if (!known.has(id)) this.apply({ type: 'agentRemoved', agent: id });
    this.apply({ type: 'teams', teams: ws.teams });
    for (const a of ws.agents) {
      const known = this.state.agents.get(a.id)?.schedule;
      // A schedule is only passed on when it changed: passing it resets the agent's own choice until the boundary.
      const schedule =
        JSON.stringify(known ?? null) === JSON.stringify(a.schedule ?? null) ? {} : { schedule: a.schedule ?? null };
      // A scheduled agent's status is the schedule's (or their own choice, sent as a status event); others' as stored.
      const status = a.schedule ? {} : { status: a.status };
      this.apply({ type: 'agent', agent: a.id, liveChat: a.liveChat, teams: a.teams, ...status, ...schedule });
    }
    this.apply({ type: 'businessHours', businessHours: ws.businessHours ?? null });
    this.apply({ type: 'rules', rules: ws.rules });
    this.apply({ type: 'settings', settings: ws.settings! });
    this.apply({ type: 'plan', plan: ws.plan });
  }

  /**
   * Among several nodes: events go to the routing owner (wherever it runs) instead of stepping here, and this
   * router's state becomes a replica, kept by `rebase` and `replay` of the owner's committed steps.
   */
  handTo(submit: (event: RoutingEvent) => void): void {
    this.stop();
    this.submit = submit;
  }

  /** A replica's start: the state a new routing owner's engine started from. */
  rebase(workspace: RoutingWorkspace, at: number): void {
    this.state = createRoutingState(structuredClone(workspace), { now: at });
  }

  /** A replica's step: the owner's step on this copy of its state, with the owner's clock (the engine is pure,
   * so the copy stays the same as the original). No effects: the owner carried them out. */
  replay(event: RoutingEvent, at: number): void {
    step(this.state, structuredClone(event), at);
  }

  agentsAvailable(teamId?: string): boolean {
    return agentsAvailable(this.state, teamId);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    const due = nextTimerAt(this.state);
    if (due === this.timerDue && this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = due;
    if (due === undefined) return;
    const dueMs = due * 1000;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.opts.onTimerLag?.(Math.max(0, this.opts.now() - dueMs));
        this.apply({ type: 'tick' });
      },
      Math.max(0, dueMs - this.opts.now()),
    );
  }
}
