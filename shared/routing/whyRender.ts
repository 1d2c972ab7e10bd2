import type { Skip } from './types.ts';
import { WHY_EN, type WhyKey } from './whyCatalogue.ts';
import type { Why } from './whys.ts';

type Vars = Record<string, string | number>;

/**
 * How an app says whys: `say` fills a catalogue template (whyCatalogue.ts has the keys); `name` turns an agent id
 * into the person's name (the engine keeps ids). Standings and pools are said through `say` unless `plain` is set,
 * which keeps them as the engine writes them (its English, at no cost on the engine's hot path).
 */
export interface WhyVoice {
  say(key: WhyKey, vars?: Vars): string;
  name?(id: string): string;
  plain?: boolean;
}

/**
 * Clauses that lead into the next one (`…; the workspace falls back to round robin: team sales: offered to …`):
 * joined to it with ": ", every other clause with "; ".
 */
const LEAD_INS = new Set<Why['code']>(['retryTeam', 'roundRobinFallback']);

/** A decision's clauses in one sentence, in the voice's language. */
export function renderWhy(whys: readonly Why[], voice: WhyVoice): string {
  let text = '';
  for (let i = 0; i < whys.length; i++) {
    if (i) text += LEAD_INS.has(whys[i - 1].code) ? ': ' : '; ';
    text += clause(whys[i], voice);
  }
  return text;
}

function clause(w: Why, v: WhyVoice): string {
  const name = (id: string) => (v.name ? v.name(id) : id);
  const pool = (label: string) => poolText(label, v);
  const unit = (n: number, noun: 'chat' | 'visitor' | 'engagement' | 'pendingOffer' | 'rule') =>
    v.say(`why_${noun}_${n === 1 ? 'one' : 'other'}`, { n });
  switch (w.code) {
    case 'accepted':
    case 'nowHolds':
    case 'holds':
      return v.say(`why_${w.code}`, { ...w, agent: name(w.agent) });
    case 'declined':
    case 'endedOffered':
    case 'chatEnded':
    case 'transferWithdrawn':
    case 'removed':
    case 'staysWith':
    case 'timeout':
      return v.say(`why_${w.code}`, { ...w, agent: name(w.agent) });
    case 'lapsed':
    case 'retryLapsed':
      return v.say(`why_${w.code}`, { agent: w.agent === undefined ? v.say('why_theAgent') : name(w.agent) });
    case 'noOtherEligible':
    case 'skipped':
      return v.say(`why_${w.code}`, { list: skipList(w.skipped, w.more, v) });
    case 'noRetry':
      return v.say('why_noRetry', { mode: keyed(`why_mode_${w.mode}`, w.mode, v) });
    case 'endedQueued':
    case 'queueTimeout':
    case 'waited':
    case 'unknownPool':
    case 'offeredNamed':
    case 'queued':
    case 'queueMoved':
      return v.say(`why_${w.code}`, { ...w, pool: pool(w.pool) });
    case 'notEligible':
      return v.say('why_notEligible', { pool: pool(w.pool), standing: standingText(w.standing, v) });
    case 'offeredNext':
      return v.say('why_offeredNext', { ...w, pool: pool(w.pool), agent: name(w.agent) });
    case 'balanced':
      return v.say('why_balanced', {
        pool: pool(w.pool),
        agent: name(w.agent),
        chats: unit(w.load, 'chat'),
        idle: w.idle,
      });
    case 'balancedThen': {
      const list = w.next
        .map((a) =>
          a.idle === undefined
            ? v.say('why_holdsLoad', { agent: name(a.agent), load: a.load })
            : v.say('why_holdsLoadIdle', { agent: name(a.agent), load: a.load, idle: a.idle }),
        )
        .join(', ');
      return v.say('why_balancedThen', { list });
    }
    case 'noEligible':
      return v.say('why_noEligible', { pool: pool(w.pool), list: skipList(w.skipped, w.more, v) });
    case 'emptyPool':
      return v.say(w.pool === 'round robin' ? 'why_emptyRoundRobin' : 'why_emptyTeam', { pool: pool(w.pool) });
    case 'queueFull':
      return v.say('why_queueFull', { pool: pool(w.pool), visitors: unit(w.length, 'visitor'), max: w.max });
    case 'trialUsedUp':
      return v.say('why_trialUsedUp', {
        engagements: unit(w.engagements, 'engagement'),
        pending: unit(w.pending, 'pendingOffer'),
        limit: w.limit,
      });
    case 'noRuleMatched':
      return v.say('why_noRuleMatched', { rules: unit(w.rules.length, 'rule'), list: w.rules.join(', ') });
    case 'handsOver':
      return v.say(w.note ? 'why_handsOverNote' : 'why_handsOver', { agent: name(w.agent) });
    case 'staysUntil':
    case 'transferAccepted':
    case 'transferTimeout':
    case 'transferDeclined':
      return v.say(`why_${w.code}`, { ...w, agent: name(w.agent), from: name(w.from) });
    case 'transferFailed':
      return v.say('why_transferFailed', { agent: name(w.agent), how: v.say(`why_how_${w.how}`) });
    case 'retryTeam':
      return v.say('why_retryTeam', { plan: keyed(`why_plan_${w.plan}`, w.plan, v) });
    case 'teamGone':
      return v.say('why_teamGone', { team: name(w.team) });
    case 'trial':
    case 'trialUsedUpQueued':
    case 'outsideHours':
    case 'ruleMatched':
      return v.say(`why_${w.code}`, w);
    case 'retryNeedsPrime':
    case 'retryOnce':
    case 'roundRobinFallback':
    case 'visitorLeft':
    case 'removedOffer':
    case 'queueClosed':
    case 'rateLimited':
    case 'noRules':
      return v.say(`why_${w.code}`);
    default: {
      // A code this build does not know (a newer node's decision): its code, so nothing is silently dropped.
      const unknown: { code: string } = w;
      return unknown.code;
    }
  }
}

/** A pool as the engine names it (`round robin`, `team sales`, `agent u_1`) in the voice's language. */
function poolText(label: string, v: WhyVoice): string {
  if (v.plain) return label;
  if (label === 'round robin') return v.say('why_poolRoundRobin');
  if (label.startsWith('team '))
    return v.say('why_poolTeam', { team: v.name ? v.name(label.slice(5)) : label.slice(5) });
  if (label.startsWith('agent '))
    return v.say('why_poolAgent', { agent: v.name ? v.name(label.slice(6)) : label.slice(6) });
  return label;
}

/** The catalogue's word for a value (a routing mode, a plan), or the value when the catalogue has none. */
function keyed(key: string, value: string, v: WhyVoice): string {
  return key in WHY_EN ? v.say(key as WhyKey) : value;
}

/** `ann (away), bob (at capacity 10/10) and 3 more`. */
function skipList(skips: readonly Skip[], more: number | undefined, v: WhyVoice): string {
  let list = '';
  for (let i = 0; i < skips.length; i++) {
    const s = skips[i];
    const agent = v.name ? v.name(s.agent) : s.agent;
    list +=
      (i ? ', ' : '') +
      (v.plain ? `${agent} (${s.reason})` : v.say('why_skip', { agent, standing: standingText(s.reason, v) }));
  }
  return more ? v.say('why_andMore', { list, more }) : list;
}

const STANDINGS: Record<string, WhyKey> = {
  offline: 'standing_offline',
  away: 'standing_away',
  eligible: 'standing_eligible',
  'no live-chat permission': 'standing_noLiveChat',
  'let the last offer lapse': 'standing_lapsed',
  'the sender': 'standing_sender',
};
const FULL = /^at capacity (\d+)\/(\d+)$/;

/** An agent's standing (a skip's `reason`: `away`, `at capacity 10/10`, …) in the voice's language. */
export function standingText(reason: string, v: WhyVoice): string {
  if (v.plain) return reason;
  const key = STANDINGS[reason];
  if (key) return v.say(key);
  const full = FULL.exec(reason);
  return full ? v.say('standing_full', { load: full[1], max: full[2] }) : reason;
}

/** The catalogue's templates cut once into text and placeholders, so the engine's English is a concatenation. */
const COMPILED = new Map<string, string[]>(
  Object.entries(WHY_EN).map(([key, template]) => [key, template.split(/\{(\w+)\}/)]),
);

/** The engine's voice: English, agent ids, standings and pools as the engine writes them. */
const ENGLISH: WhyVoice = {
  plain: true,
  say(key, vars) {
    const parts = COMPILED.get(key)!;
    let text = parts[0];
    for (let i = 1; i < parts.length; i += 2) text += String(vars?.[parts[i]] ?? `{${parts[i]}}`) + parts[i + 1];
    return text;
  },
};

/** The clauses in the engine's English (the decision's `why`). */
export function englishWhy(whys: readonly Why[]): string {
  return renderWhy(whys, ENGLISH);
}
