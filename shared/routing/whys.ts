import type { Skip } from './types.ts';

/**
 * One clause of a decision's explanation, as a code with its parts (agent ids, pool labels, numbers), so that
 * every app can say it in its own language (docs/routing.md). A decision's `whys` are its clauses in order; its
 * `why` is the same clauses said in English (whyCatalogue.ts). Seconds are rounded to milliseconds; a pool is its
 * label (`round robin`, `team sales`, `agent ann`); skip lists hold at most ten agents, `more` counts the rest.
 */
export type Why =
  // Accepting, declining, lapsing (chat.ts)
  | { code: 'accepted'; agent: string; secs: number; load: number; max: number }
  | { code: 'trial'; n: number; limit: number }
  | { code: 'declined'; agent: string }
  | { code: 'timeout'; agent: string; secs: number }
  | { code: 'lapsed'; agent?: string }
  | { code: 'retryTeam'; plan: string }
  | { code: 'teamGone'; team: string }
  | { code: 'noOtherEligible'; skipped: Skip[]; more?: number }
  | { code: 'noRetry'; mode: string }
  | { code: 'retryNeedsPrime' }
  | { code: 'retryLapsed'; agent?: string }
  | { code: 'retryOnce' }
  | { code: 'roundRobinFallback' }
  // Ending (chat.ts, workspace.ts)
  | { code: 'visitorLeft' }
  | { code: 'endedQueued'; secs: number; pool: string }
  | { code: 'endedOffered'; agent: string }
  | { code: 'chatEnded'; agent: string }
  | { code: 'transferWithdrawn'; agent: string }
  | { code: 'nowHolds'; agent: string; load: number; max: number }
  | { code: 'removed'; agent: string }
  | { code: 'removedOffer' }
  | { code: 'queueClosed' }
  // Pools (offers.ts)
  | { code: 'offeredNext'; pool: string; agent: string; position: number; size: number }
  | { code: 'skipped'; skipped: Skip[]; more?: number }
  | { code: 'balanced'; pool: string; agent: string; load: number; idle: number }
  | { code: 'balancedThen'; next: { agent: string; load: number; idle?: number }[] }
  | { code: 'noEligible'; pool: string; skipped: Skip[]; more?: number }
  | { code: 'emptyPool'; pool: string }
  | { code: 'offeredNamed'; pool: string; load: number; max: number }
  // Queue (queue.ts)
  | { code: 'queueFull'; pool: string; length: number; max: number }
  | { code: 'queued'; pool: string; position: number; secs: number }
  | { code: 'queueMoved'; visitor: string; was: number; pool: string; position: number }
  | { code: 'queueTimeout'; secs: number; pool: string }
  | { code: 'waited'; secs: number; pool: string }
  | { code: 'trialUsedUpQueued'; limit: number }
  // Requests (request.ts)
  | { code: 'rateLimited' }
  | { code: 'trialUsedUp'; engagements: number; pending: number; limit: number }
  | { code: 'outsideHours'; timeZone: string }
  | { code: 'noRuleMatched'; rules: string[] }
  | { code: 'noRules' }
  | { code: 'ruleMatched'; rule: string; index: number; count: number }
  | { code: 'unknownPool'; pool: string }
  | { code: 'notEligible'; pool: string; standing: string }
  // Transfers (transfer.ts)
  | { code: 'handsOver'; agent: string; note: boolean }
  | { code: 'staysUntil'; from: string; agent: string }
  | { code: 'transferAccepted'; agent: string; from: string; secs: number; load: number; max: number }
  | { code: 'holds'; agent: string; load: number; max: number }
  | { code: 'transferTimeout'; agent: string; from: string; secs: number }
  | { code: 'transferDeclined'; agent: string; from: string }
  | { code: 'transferFailed'; agent: string; how: 'timeout' | 'declined' }
  | { code: 'staysWith'; agent: string };

export type WhyCode = Why['code'];

/** Every code once (typed: a code missing here or unknown to `Why` does not compile). */
const CODES: Record<WhyCode, true> = {
  accepted: true,
  trial: true,
  declined: true,
  timeout: true,
  lapsed: true,
  retryTeam: true,
  teamGone: true,
  noOtherEligible: true,
  noRetry: true,
  retryNeedsPrime: true,
  retryLapsed: true,
  retryOnce: true,
  roundRobinFallback: true,
  visitorLeft: true,
  endedQueued: true,
  endedOffered: true,
  chatEnded: true,
  transferWithdrawn: true,
  nowHolds: true,
  removed: true,
  removedOffer: true,
  queueClosed: true,
  offeredNext: true,
  skipped: true,
  balanced: true,
  balancedThen: true,
  noEligible: true,
  emptyPool: true,
  offeredNamed: true,
  queueFull: true,
  queued: true,
  queueMoved: true,
  queueTimeout: true,
  waited: true,
  trialUsedUpQueued: true,
  rateLimited: true,
  trialUsedUp: true,
  outsideHours: true,
  noRuleMatched: true,
  noRules: true,
  ruleMatched: true,
  unknownPool: true,
  notEligible: true,
  handsOver: true,
  staysUntil: true,
  transferAccepted: true,
  holds: true,
  transferTimeout: true,
  transferDeclined: true,
  transferFailed: true,
  staysWith: true,
};
export const WHY_CODES = Object.keys(CODES) as WhyCode[];

/** Seconds as a clause keeps them: milliseconds at most, no float noise such as 45.099999. */
export function roundSecs(n: number): number {
  return Math.round(n * 1000) / 1000;
}
