import type { Conv } from '../live/conv.ts';
import type { Security } from './security.ts';

/** What the live side asks before a live-chat request reaches routing (docs/security.md). */
export interface LiveChatLimits {
  /** Counts a live-chat request of `conv` from `address` (unknown: not counted by address); false when past a limit:
   * the request then goes to routing as `rateLimited`, which answers with the fallback `rate-limited`. */
  request(conv: Conv, address: string | undefined, now: number): boolean;
}

export const NO_LIVECHAT_LIMITS: LiveChatLimits = { request: () => true };

const TEN_MIN = 10 * 60_000;
/** A conversation's requests are counted over a day: longer than any conversation stays open. */
const DAY = 24 * 3600_000;

/**
 * Live-chat requests per client address and per visitor (in 10 minutes) and per conversation. Every request takes an
 * agent's slot with a pending offer for up to `acceptTimeoutSec`, so scripted conversations that walk to a live-chat
 * card could hold every agent busy; past these limits they get the fallback at once and hold nothing.
 */
export function liveChatLimits(security: Pick<Security, 'config' | 'counters' | 'refused'>): LiveChatLimits {
  const c = security.config;
  return {
    request(conv, address, now) {
      const over = (key: string, windowMs: number, max: number) =>
        security.counters.add(key, windowMs, now).count > max;
      // Every counter counts (no short-circuit), so a refused request still uses up its address's allowance.
      const byAddress = address !== undefined && over(`chat:addr:${address}`, TEN_MIN, c.liveChatRequestsPerAddress);
      const byVisitor = over(`chat:visitor:${conv.rec.visitorId}`, TEN_MIN, c.liveChatRequestsPerVisitor);
      const byConversation = over(`chat:conv:${conv.rec.id}`, DAY, c.liveChatRequestsPerConversation);
      if (!byAddress && !byVisitor && !byConversation) return true;
      security.refused('livechat-requests');
      return false;
    },
  };
}
