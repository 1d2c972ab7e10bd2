import type { z } from 'zod';
import type { Condition } from '../conditions/schema.ts';
import type { agentStatusSchema, planSchema, routingSchema } from './schema.ts';

/**
 * The vocabulary of the routing engine (SPEC §4): what goes in (workspace, events), what comes out (decisions,
 * timers, visitor records). Plain data only, so that every value can be stored, sent and replayed as JSON.
 */

export type Plan = z.output<typeof planSchema>;
export type AgentStatus = z.output<typeof agentStatusSchema>;

/** How a `liveChat` card routes (SPEC §2). */
export type Routing = z.output<typeof routingSchema>;

export interface RoutingSettings {
  /** Seconds an agent has to accept an offer (default 45). */
  acceptTimeoutSec: number;
  /** Live chats an agent may hold at once, pending offers included (default 10, at most 10). */
  maxChatsPerAgent: number;
  /** Lifetime engagements of the `select` plan's live-chat trial (default 100). */
  trialEngagementLimit: number;
}

export interface AgentInit {
  id: string;
  liveChat?: boolean;
  status?: AgentStatus;
  teams?: string[];
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
  settings?: Partial<RoutingSettings>;
  /** In their stable order (the rotation order of every pool). */
  agents?: AgentInit[];
  teams?: { id: string }[];
  rules?: RoutingRule[];
  /** Engagements already used on the select trial (default 0). */
  engagementsUsed?: number;
}

/**
 * Input events. The first five are the ones of a route-sim scenario; the others keep the engine's view of the
 * workspace current in the runtime, and `tick` only lets the clock run (timers due by `now` fire).
 */
export type RoutingEvent =
  | { type: 'request'; visitor: string; routing: Routing; attributes?: Record<string, string> }
  | { type: 'accept'; agent: string; visitor: string }
  | { type: 'decline'; agent: string; visitor: string }
  | { type: 'end'; visitor: string }
  | { type: 'status'; agent: string; status: AgentStatus }
  | { type: 'tick' }
  | { type: 'agent'; agent: string; liveChat?: boolean; status?: AgentStatus; teams?: string[] }
  | { type: 'agentRemoved'; agent: string }
  | { type: 'teams'; teams: { id: string }[] }
  | { type: 'rules'; rules: RoutingRule[] }
  | { type: 'settings'; settings: Partial<RoutingSettings> }
  | { type: 'plan'; plan: Plan }
  | { type: 'restore'; record: VisitorRecord };

export type DecisionEvent = 'offered' | 'connected' | 'timeout' | 'declined' | 'fallback' | 'ended';
export type FallbackReason = 'no-eligible-agent' | 'no-rule-matched' | 'accept-timeout' | 'trial-limit-reached';

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
  reason?: FallbackReason;
  /** The pool the agent was taken from: `round robin`, `team sales`, `agent ann`. */
  pool?: string;
  /** 1-based place of the offered agent in the pool's rotation order, and the pool's size. */
  position?: number;
  poolSize?: number;
  /** The id of the custom rule that matched. */
  rule?: string;
  /** True on the prime/ultimate team retry offer. */
  retry?: true;
  /** Agents the rotation passed over, in rotation order (at most ten listed; `skippedMore` counts the rest). */
  skipped?: Skip[];
  skippedMore?: number;
  /** The whole explanation in one readable sentence. */
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
  offer: string;
  visitor: string;
  agent: string;
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
  phase: 'offered' | 'connected' | 'closed';
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
}
