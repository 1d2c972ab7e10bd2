import type { QueueSettings, RoutingSettings } from './types.ts';

/** The plans (SPEC §4); `ultimate` has everything `prime` has. Plain data, so the inbox can take it too. */
export const PLANS = ['select', 'prime', 'ultimate'] as const;

/** The product caps chats per agent at 10 (SPEC §4); a larger setting is refused by the schemas. */
export const MAX_CHATS_LIMIT = 10;

/**
 * The bounds of every numeric routing setting, defined once: the route-sim scenario, the engine, the admin API
 * and the settings form all read them from here. Whole numbers; `min` and `max` inclusive.
 */
export const SETTING_BOUNDS = Object.freeze({
  /** Seconds an agent has to accept an offer: long enough to notice the banner, short enough not to strand. */
  acceptTimeoutSec: { min: 5, max: 600 },
  /** Live chats an agent may hold at once, pending offers included. */
  maxChatsPerAgent: { min: 1, max: MAX_CHATS_LIMIT },
  /** Lifetime engagements of the `select` plan's live-chat trial. */
  trialEngagementLimit: { min: 0, max: 1_000_000 },
} satisfies Partial<Record<keyof RoutingSettings, { min: number; max: number }>>);

/** The bounds of the waiting queue's settings (`settings.queue`). */
export const QUEUE_BOUNDS = Object.freeze({
  /** Seconds a visitor waits at most before the fallback (`queue-timeout`). */
  maxWaitSec: { min: 10, max: 3600 },
  /** Visitors one pool's queue holds at most; the next one gets the fallback (`queue-full`). */
  maxLength: { min: 1, max: 10_000 },
} satisfies Record<Exclude<keyof QueueSettings, 'enabled'>, { min: number; max: number }>);

export const DEFAULT_QUEUE: Readonly<QueueSettings> = Object.freeze({ enabled: false, maxWaitSec: 300, maxLength: 50 });

/** The defaults of SPEC §4, from the reference product: 45 s to accept, 10 chats per agent, 100 trial engagements. */
export const DEFAULT_SETTINGS: Readonly<RoutingSettings> = Object.freeze({
  acceptTimeoutSec: 45,
  maxChatsPerAgent: 10,
  trialEngagementLimit: 100,
  queue: DEFAULT_QUEUE,
  fallbackToRoundRobin: false,
});

/** Settings with defaults filled in; undefined fields keep `base` (a partial `queue` keeps the rest of base's). */
export function mergeSettings(
  base: RoutingSettings,
  patch: Partial<Omit<RoutingSettings, 'queue'>> & { queue?: Partial<QueueSettings> } = {},
): RoutingSettings {
  return {
    acceptTimeoutSec: patch.acceptTimeoutSec ?? base.acceptTimeoutSec,
    maxChatsPerAgent: Math.min(MAX_CHATS_LIMIT, patch.maxChatsPerAgent ?? base.maxChatsPerAgent),
    trialEngagementLimit: patch.trialEngagementLimit ?? base.trialEngagementLimit,
    queue: { ...base.queue, ...patch.queue },
    fallbackToRoundRobin: patch.fallbackToRoundRobin ?? base.fallbackToRoundRobin,
  };
}
