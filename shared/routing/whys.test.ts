import { describe, expect, it } from 'vitest';
import { WHY_EN, type WhyKey } from './whyCatalogue.ts';
import { WHY_EXAMPLES } from './whyExamples.ts';
import { englishWhy, renderWhy } from './whyRender.ts';
import { WHY_CODES, type Why, type WhyCode } from './whys.ts';

// Each code's English, word for word as the engine wrote its sentences before clauses were codes.
const ENGLISH: Record<WhyCode, string> = {
  accepted: 'u_ann accepted after 1.865 s and now holds 1/10 chats',
  trial: 'engagement 1 of 100 on the select trial',
  declined: 'u_bea declined the offer, which counts like a timeout',
  timeout: 'u_ann did not accept within 45 s',
  lapsed: 'u_ann let the offer lapse',
  retryTeam: 'the prime plan tries one more agent of the team',
  teamGone: 'team sales no longer exists',
  noOtherEligible: 'no other eligible agent (u_bea (away))',
  noRetry: 'round robin routing tries no other agent',
  retryNeedsPrime: 'trying one more agent of the team needs the prime plan',
  retryLapsed: 'u_bea let the retry offer lapse too',
  retryOnce: 'team routing tries only one more agent',
  roundRobinFallback: 'the workspace falls back to round robin',
  visitorLeft: 'the visitor left',
  endedQueued: 'ended after waiting 12.5 s in the queue of team sales',
  endedOffered: 'ended while the offer to u_ann was pending: the offer is withdrawn',
  chatEnded: 'the chat with u_ann ended',
  transferWithdrawn: 'the transfer to u_bea is withdrawn',
  nowHolds: 'u_ann now holds 0/10 chats',
  removed: 'u_ann was removed from the workspace',
  removedOffer: 'the pending offer counts as declined',
  queueClosed: 'the queue for them is closed',
  offeredNext: 'round robin: offered to u_ann, next in the rotation (position 1 of 2)',
  skipped: 'skipped u_bea (offline)',
  balanced: 'round robin, balanced: offered to u_bea (holds 1 chat, idle since t=6s)',
  balancedThen: 'then u_ann holds 1 (idle since t=8s), u_cat holds 3',
  noEligible: 'team sales: no eligible agent (u_ann (offline), u_bea (at capacity 10/10) and 3 more)',
  emptyPool: 'team sales: no eligible agent (the team has no members)',
  offeredNamed: 'agent u_ann: offered to the named agent (2/10 chats before this one)',
  queueFull: 'the queue of team sales is full (20 visitors, at most 20)',
  queued: 'someone is available, so the visitor waits in the queue of team sales at position 2 (300 s at most)',
  queueMoved: 'v_1 left position 1 of the queue of team sales: now at position 1',
  queueTimeout: 'waited 300 s in the queue of round robin, the most the workspace allows',
  waited: 'waited 31.25 s in the queue of team sales',
  trialUsedUpQueued: "an agent became free, but the select plan's live-chat trial is used up (limit 100)",
  rateLimited: 'too many live-chat requests from this address: the per-address limit answers with the fallback',
  trialUsedUp:
    "the select plan's live-chat trial is used up: 99 engagements + 1 pending offer have reached the limit of 100",
  outsideHours: "outside the workspace's business hours (Asia/Seoul): the away message",
  noRuleMatched: 'custom rules: none of the 2 rules matched (big, vip)',
  noRules: 'custom rules: the workspace has no rules',
  ruleMatched: 'rule "big" matched (1 of 2)',
  unknownPool: 'team support is unknown',
  notEligible: 'agent u_ann is not eligible (away)',
  handsOver: 'u_ann hands the chat over with a note',
  staysUntil: 'the chat stays with u_ann until u_bea accepts',
  transferAccepted: 'u_bea accepted the transfer from u_ann after 4.2 s and now holds 2/10 chats',
  holds: 'u_ann holds 0/10',
  transferTimeout: 'u_bea did not accept the transfer from u_ann within 45 s',
  transferDeclined: 'u_bea declined the transfer from u_ann',
  transferFailed: 'the transfer to u_bea failed (declined)',
  staysWith: 'the chat stays with u_ann',
};

const format = (template: string, vars: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

describe('routing whys as codes', () => {
  it('says every code in the engine’s English, with no placeholder left', () => {
    expect(Object.keys(WHY_EXAMPLES).sort()).toEqual([...WHY_CODES].sort());
    for (const code of WHY_CODES) expect(englishWhy([WHY_EXAMPLES[code]]), code).toBe(ENGLISH[code]);
  });

  it('says the same through the catalogue as through the engine’s fast path', () => {
    const viaCatalogue = { say: (key: WhyKey, vars?: Record<string, string | number>) => format(WHY_EN[key], vars) };
    for (const code of WHY_CODES) expect(renderWhy([WHY_EXAMPLES[code]], viaCatalogue), code).toBe(ENGLISH[code]);
  });

  it('joins clauses with "; ", a lead-in to the next with ": ", and names agents through the voice', () => {
    const whys: Why[] = [
      WHY_EXAMPLES.lapsed,
      WHY_EXAMPLES.retryTeam,
      WHY_EXAMPLES.noOtherEligible,
      WHY_EXAMPLES.roundRobinFallback,
      WHY_EXAMPLES.offeredNext,
    ];
    expect(englishWhy(whys)).toBe(
      'u_ann let the offer lapse; the prime plan tries one more agent of the team: no other eligible agent ' +
        '(u_bea (away)); the workspace falls back to round robin: round robin: offered to u_ann, next in the ' +
        'rotation (position 1 of 2)',
    );
    const names: Record<string, string> = { u_ann: 'Ann', u_bea: 'Bea' };
    const voice = {
      say: (key: WhyKey, vars?: Record<string, string | number>) => format(WHY_EN[key], vars),
      name: (id: string) => names[id] ?? id,
    };
    expect(renderWhy([WHY_EXAMPLES.offeredNamed, WHY_EXAMPLES.skipped], voice)).toBe(
      'agent Ann: offered to the named agent (2/10 chats before this one); skipped Bea (offline)',
    );
    expect(renderWhy([{ code: 'lapsed' }], voice)).toBe('the agent let the offer lapse');
  });

  it('shows a code it does not know as the code, so nothing is dropped', () => {
    expect(englishWhy([{ code: 'fromANewerNode' } as unknown as Why, WHY_EXAMPLES.visitorLeft])).toBe(
      'fromANewerNode; the visitor left',
    );
  });
});
