/**
 * Why live chat ended up at the fallback message (SPEC §4), defined once: the engine's decisions, the visitor
 * protocol's `fallback` item and the inbox's missed list all use this list. Every fallback is a missed chat.
 */
export const FALLBACK_REASONS = [
  'no-eligible-agent',
  'no-rule-matched',
  'accept-timeout',
  'trial-limit-reached',
  'queue-timeout',
  'queue-full',
  'outside-hours',
  'rate-limited',
] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];
