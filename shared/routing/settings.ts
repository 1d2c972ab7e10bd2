import type { RoutingSettings } from './types.ts';

/** The defaults of SPEC §4, from the reference product: 45 s to accept, 10 chats per agent, 100 trial engagements. */
export const DEFAULT_SETTINGS: Readonly<RoutingSettings> = Object.freeze({
  acceptTimeoutSec: 45,
  maxChatsPerAgent: 10,
  trialEngagementLimit: 100,
});

/** The product caps chats per agent at 10 (SPEC §4); a larger setting is refused by the schemas. */
export const MAX_CHATS_LIMIT = 10;

/** Settings with defaults filled in; undefined fields keep `base`. */
export function mergeSettings(base: RoutingSettings, patch: Partial<RoutingSettings> = {}): RoutingSettings {
  return {
    acceptTimeoutSec: patch.acceptTimeoutSec ?? base.acceptTimeoutSec,
    maxChatsPerAgent: Math.min(MAX_CHATS_LIMIT, patch.maxChatsPerAgent ?? base.maxChatsPerAgent),
    trialEngagementLimit: patch.trialEngagementLimit ?? base.trialEngagementLimit,
  };
}
