import type { FallbackReason } from '../../../shared/protocol/common.ts';
import type { MessageKey } from './en.ts';
import type { Translate } from './I18nProvider.tsx';

/** Every fallback reason in words (typed by the routing vocabulary: a new reason does not compile without one). */
const KEYS: Record<FallbackReason, MessageKey> = {
  'no-eligible-agent': 'reason_noEligibleAgent',
  'no-rule-matched': 'reason_noRuleMatched',
  'accept-timeout': 'reason_acceptTimeout',
  'trial-limit-reached': 'reason_trialLimitReached',
  'queue-timeout': 'reason_queueTimeout',
  'queue-full': 'reason_queueFull',
  'outside-hours': 'reason_outsideHours',
  'rate-limited': 'reason_rateLimited',
};

/** A fallback reason code (SPEC §4) in words; unknown codes are shown as they are. */
export function reasonText(reason: string, t: Translate): string {
  const key = KEYS[reason as FallbackReason];
  return key ? t(key) : reason;
}
