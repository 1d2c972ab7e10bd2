import type { z } from 'zod';
import type { Condition } from '../conditions/schema.ts';
import type { agentStatusSchema, planSchema, routingSchema } from './schema.ts';
import type { FallbackReason } from './reasons.ts';
import type { scheduleSchema } from './scheduleSchema.ts';
import type { Why } from './whys.ts';

/**
 * The vocabulary of the routing engine (SPEC §4): what goes in (workspace, events), what comes out (decisions,
 * timers, visitor records). Plain data only, so that every value can be stored, sent and replayed as JSON.
 */

export type Plan = z.output<typeof planSchema>;
export type AgentStatus = z.output<typeof agentStatusSchema>;

/** How a `liveChat` card routes (SPEC §2). */
export type Routing = z.output<typeof routingSchema>;

/** Weekly availability blocks in a time zone (an agent's schedule, the workspace's business hours). */
export type Schedule = z.output<typeof scheduleSchema>;

/** The waiting queue (SPEC §4): off by default; when on, a visitor waits instead of the fallback. */
export interface QueueSettings {
  enabled: boolean;
  /** Seconds a visitor waits at most (`queue-timeout`). */
  maxWaitSec: number;
  /** Visitors one pool's queue holds at most (`queue-full`). */
  maxLength: number;
}

export interface RoutingSettings {
  /** Seconds an agent has to accept an offer (default 45). */
  acceptTimeoutSec: number;
  /** Live chats an agent may hold at once, pending offers included (default 10, at most 10). */
  maxChatsPerAgent: number;
  /** Lifetime engagements of the `select` plan's live-chat trial (default 100). */
  trialEngagementLimit: number;
  queue: QueueSettings;
  /** When custom rules or a team find nobody, try round robin over every live-chat agent first (Marketo's). */
  fallbackToRoundRobin: boolean;
}

/** A change of some settings: any field left out (also inside `queue`) keeps its value. */
export type SettingsPatch = Partial<Omit<RoutingSettings, 'queue'>> & { queue?: Partial<QueueSettings> };

export interface AgentInit {
  id: string;
  liveChat?: boolean;
  status?: AgentStatus;
  teams?: string[];
  /** Weekly availability: inside a block online, outside offline, unless a `status` event overrides it. */
  schedule?: Schedule;
}

/** A workspace routing rule: the first rule whose `when` holds routes to an agent or a team. */
export interface RoutingRule {
  id: string;
  when: Condition;
  route: { agentId: string } | { teamId: string };
}

/** Everything the engine needs to know about the workspace when it is created. */
export interface RoutingWorkspace {
  plan: Plan;
  settings?: SettingsPatch;
  /** In their stable order (the rotation order of every pool). */
  agents?: AgentInit[];
  teams?: { id: string }[];
  rules?: RoutingRule[];
  /** Engagements already used on the select trial (default 0). */
  engagementsUsed?: number;
  /** Requests outside these hours get the fallback `outside-hours` (none: always open). */
  businessHours?: Schedule;
  /**
   * The epoch second of the engine's time 0, for schedules: wall time = clockOrigin + now. The runtime passes
   * epoch seconds as `now` and leaves this 0; route-sim sets it from the scenario's `startsAt`.
   */
  clockOrigin?: number;
}

/**
 * Input events. The first five are the ones of a route-sim scenario; the others keep the engine's view of the
 * workspace current in the runtime, and `tick` only lets the clock run (timers due by `now` fire).
 */
export type RoutingEvent =
  | {
      type: 'request';
      visitor: string;
      routing: Routing;
      attributes?: Record<string, string>;
      /** The runtime's per-address limit refused this request: the fallback `rate-limited`, nothing else. */
      rateLimited?: boolean;
    }
  | { type: 'accept'; agent: string; visitor: string }
  | { type: 'decline'; agent: string; visitor: string }
  | { type: 'end'; visitor: string }
  /** The visitor's page is gone (after the runtime's grace): an offer is withdrawn, a queue place given up. */
  | { type: 'left'; visitor: string }
  | { type: 'transfer'; agent: string; visitor: string; to: TransferTarget; note?: string }
  | { type: 'status'; agent: string; status: AgentStatus }
  | { type: 'tick' }
  | {
      type: 'agent';
      agent: string;
      liveChat?: boolean;
      status?: AgentStatus;
      teams?: string[];
      /** A new schedule; `null` removes it. */
      schedule?: Schedule | null;
    }
  | { type: 'agentRemoved'; agent: string }
  | { type: 'teams'; teams: { id: string }[] }
  | { type: 'rules'; rules: RoutingRule[] }
  | { type: 'settings'; settings: SettingsPatch }
  | { type: 'businessHours'; businessHours: Schedule | null }
  | { type: 'plan'; plan: Plan }
  | { type: 'restore'; record: VisitorRecord };

/** Where a transfer goes: another agent, or a team (which rotates, never back to the sender). */
export type TransferTarget = { agentId: string } | { teamId: string };

export type DecisionEvent =
  'offered' | 'connected' | 'timeout' | 'declined' | 'fallback' | 'ended' | 'queued' | 'transfer-failed';
export type { FallbackReason };

/** An agent passed over by a rotation, and why (`away`, `offline`, `at capacity 10/10`, …). */
export interface Skip {
  agent: string;
  reason: string;
}

/** One routing decision (SPEC §8.3), with the explanation an admin sees. */
export interface Decision {
  at: number;
  visitor: string;
  event: DecisionEvent;
  agent?: string;
  /** The fallback's reason; on `ended`, `visitor-left` when the visitor's page went away. */
  reason?: FallbackReason | 'visitor-left';
  /** The pool the agent was taken from: `round robin`, `team sales`, `agent ann`. */
  pool?: string;
  /**
   * On offers: 1-based place of the offered agent in the pool's rotation order (with the pool's size). On
   * `queued`: the visitor's 1-based place in the pool's waiting queue.
   */
  position?: number;
  poolSize?: number;
  /** The id of the custom rule that matched. */
  rule?: string;
  /** True on the prime/ultimate team retry offer. */
  retry?: true;
  /** Agents the rotation passed over, in rotation order (at most ten listed; `skippedMore` counts the rest). */
  skipped?: Skip[];
  skippedMore?: number;
  /** The pool's strategy when it is not its rotation. */
  strategy?: 'balanced';
  /** Seconds the visitor waited in the queue before this offer. */
  waited?: number;
  /** True when the fallback to round robin found this agent. */
  fallbackToRoundRobin?: true;
  /** Transfer offers and connections: true, with the agent handing the chat over and the note. */
  transfer?: true;
  from?: string;
  note?: string;
  /** The explanation as clauses, each a code with its parts, for apps to say in their language (whys.ts). */
  whys: Why[];
  /** The same clauses in one English sentence (whyCatalogue.ts). */
  why: string;
}

/** Something that changed nothing (an accept without a pending offer, a second request, …), for `--explain`. */
export interface Note {
  at: number;
  visitor?: string;
  agent?: string;
  text: string;
}

/** A pending offer's timer: due at `dueAt` on the caller's clock (seconds). */
export interface TimerArm {
  /** The timer's key (an offer's id for offers and transfers). */
  offer: string;
  kind: 'offer' | 'transfer' | 'queue' | 'schedule';
  visitor?: string;
  agent?: string;
  dueAt: number;
}

/**
 * What one live-chat request has become, in a form the runtime can store and later hand back (`restore`).
 * `phase` is `closed` once the visitor got a fallback or the chat ended; the engine then forgets the visitor.
 * The decisions themselves are not kept here (they come out of `step`, for the runtime's decision log): holding
 * every explanation for every waiting visitor would cost memory and garbage-collector time per visitor.
 */
export interface VisitorRecord {
  visitor: string;
  phase: 'queued' | 'offered' | 'connected' | 'closed';
  routing: Routing;
  requestedAt: number;
  /** The agent holding the offer or chat (when closed: the last one, if any). */
  agent?: string;
  offer?: { id: string; agent: string; offeredAt: number; dueAt: number };
  connectedAt?: number;
  closedAt?: number;
  /** Team routing after a lapse on prime/ultimate: the one extra agent has been tried. */
  retried: boolean;
  /** The team whose rotation a lapse retries in (team routing, directly or through a rule). */
  retryTeam?: string;
  /** Offers made for this request so far (names the next offer). */
  offers: number;
  /** How the team of the retry picks (a prime retry picks like the offer it follows). */
  retryStrategy?: 'balanced';
  /** The fallback to round robin has been tried for this request. */
  roundRobinTried?: boolean;
  /** While queued: the pool's queue, since when, and the global arrival number that orders queues (FIFO). */
  queue?: { pool: string; since: number; seq: number };
  /** A transfer pending with `agent` while the chat stays with `from` (`agent` of the record). */
  transfer?: { id: string; agent: string; from: string; offeredAt: number; dueAt: number; note?: string };
}

/** The result of one `step`. */
export interface StepResult {
  decisions: Decision[];
  /** Timers to arm and to cancel; `cancel` also lists timers that fired inside this step. */
  timers: { arm: TimerArm[]; cancel: string[] };
  /**
   * Records of every visitor this step touched, after the step. These are the engine's live objects: store or
   * serialise them before the next step (or copy them with `copyRecord`), and never modify them.
   */
  records: readonly Readonly<VisitorRecord>[];
  notes: Note[];
  /** Pools whose waiting queue changed in this step (positions and estimated waits to push to visitors). */
  queues: string[];
}
