import { evaluateCondition } from '../conditions/evaluate.ts';
import { inSchedule } from './clock.ts';
import { fallback, makeOffer, offerFromPool, type PoolOutcome } from './offers.ts';
import type { Output } from './output.ts';
import type { Pool } from './pool.ts';
import { agentsAvailable } from './queries.ts';
import { enqueue, someoneAvailable } from './queue.ts';
import { ineligibility, type RoutingState } from './state.ts';
import type { RoutingEvent, RoutingRule, Skip, VisitorRecord } from './types.ts';
import { type Why } from './whys.ts';

type Request = Extract<RoutingEvent, { type: 'request' }>;

/** Where a request goes once its routing is resolved: a pool (rotation or balanced) or one named agent. */
interface Target {
  label: string;
  pool?: Pool;
  agentId?: string;
  balanced: boolean;
  rule?: string;
  prefix: Why[];
  /** Team routing or a rule: the fallback to round robin applies. */
  roundRobinFallback: boolean;
}

/**
 * A visitor asks for an agent (SPEC §4): the per-address limit, the trial limit and the business hours first,
 * then the card's routing mode; when nobody is eligible, the fallback to round robin (if set), then the waiting
 * queue (if on and someone is available), then the fallback message.
 */
export function handleRequest(state: RoutingState, out: Output, ev: Request, now: number): void {
  const held = state.visitors.get(ev.visitor);
  if (held) {
    const what =
      held.phase === 'queued'
        ? `a place in the queue of ${held.queue!.pool}`
        : held.phase === 'offered'
          ? `an offer pending with ${held.agent}`
          : `a chat with ${held.agent}`;
    out.note({ at: now, visitor: ev.visitor, text: `request ignored: the visitor already has ${what}` });
    return;
  }
  const record: VisitorRecord = {
    visitor: ev.visitor,
    phase: 'offered',
    routing: ev.routing,
    requestedAt: now,
    retried: false,
    offers: 0,
  };
  if (ev.rateLimited) {
    return fallback(state, out, record, 'rate-limited', [{ code: 'rateLimited' }], now);
  }
  const limit = state.settings.trialEngagementLimit;
  const pending = state.pendingOffers;
  if (state.plan === 'select' && state.engagements + pending >= limit) {
    const whys: Why[] = [{ code: 'trialUsedUp', engagements: state.engagements, pending, limit }];
    return fallback(state, out, record, 'trial-limit-reached', whys, now);
  }
  if (state.businessHours && !inSchedule(state.businessHours, state.clockOrigin + now)) {
    const whys: Why[] = [{ code: 'outsideHours', timeZone: state.businessHours.timeZone }];
    return fallback(state, out, record, 'outside-hours', whys, now);
  }
  const routing = ev.routing;
  switch (routing.mode) {
    case 'roundRobin':
    case 'balanced': {
      const balanced = routing.mode === 'balanced';
      const target = { label: 'round robin', pool: state.roundRobin, balanced, prefix: [], roundRobinFallback: false };
      return route(state, out, record, target, now);
    }
    case 'team': {
      const balanced = routing.strategy === 'balanced';
      return route(state, out, record, teamTarget(state, record, routing.teamId, balanced, undefined, []), now);
    }
    case 'agent':
      return route(state, out, record, agentTarget(routing.agentId, undefined, [], false), now);
    case 'rules':
      return byRules(state, out, record, ev.attributes ?? {}, now);
    default: {
      const never: never = routing;
      throw new Error(`unknown routing mode ${JSON.stringify(never)}`);
    }
  }
}

function byRules(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  attributes: Record<string, string>,
  now: number,
): void {
  const facts = { attributes, agentsAvailable: (teamId?: string) => agentsAvailable(state, teamId) };
  const rules = state.rules;
  const index = rules.findIndex((r) => evaluateCondition(r.when, facts));
  if (index < 0) {
    const whys: Why[] = rules.length
      ? [{ code: 'noRuleMatched', rules: rules.map((r) => r.id) }]
      : [{ code: 'noRules' }];
    return fallback(state, out, record, 'no-rule-matched', whys, now);
  }
  const rule: RoutingRule = rules[index];
  const prefix: Why[] = [{ code: 'ruleMatched', rule: rule.id, index: index + 1, count: rules.length }];
  const target =
    'agentId' in rule.route
      ? agentTarget(rule.route.agentId, rule.id, prefix, true)
      : teamTarget(state, record, rule.route.teamId, false, rule.id, prefix);
  route(state, out, record, target, now);
}

function teamTarget(
  state: RoutingState,
  record: VisitorRecord,
  teamId: string,
  balanced: boolean,
  rule: string | undefined,
  prefix: Why[],
): Target {
  // Team routing, directly or through a rule, gets the prime/ultimate one-more-agent retry after a lapse.
  record.retryTeam = teamId;
  if (balanced) record.retryStrategy = 'balanced';
  const pool = state.teams.get(teamId);
  return { label: `team ${teamId}`, pool, balanced, rule, prefix, roundRobinFallback: true };
}

function agentTarget(agentId: string, rule: string | undefined, prefix: Why[], viaRule: boolean): Target {
  return { label: `agent ${agentId}`, agentId, balanced: false, rule, prefix, roundRobinFallback: viaRule };
}

function route(state: RoutingState, out: Output, record: VisitorRecord, target: Target, now: number): void {
  const tried = offerTarget(state, out, record, target, now);
  if (tried.offered) return;
  let why = tried.whys;
  if (target.roundRobinFallback && state.settings.fallbackToRoundRobin) {
    record.roundRobinTried = true;
    const rr = offerFromPool(state, out, record, state.roundRobin, now, {
      prefix: [...why, { code: 'roundRobinFallback' }],
      rule: target.rule,
      fallbackToRoundRobin: true,
    });
    if (rr.offered) return;
    why = rr.whys;
  }
  if (state.settings.queue.enabled && someoneAvailable(state, target.label, target.pool)) {
    return enqueue(state, out, record, target.label, why, now, target.rule);
  }
  fallback(state, out, record, 'no-eligible-agent', why, now, {
    pool: target.label,
    ...(target.rule !== undefined ? { rule: target.rule } : {}),
    ...(tried.skipped.length ? { skipped: tried.skipped } : {}),
    ...(tried.skippedMore ? { skippedMore: tried.skippedMore } : {}),
  });
}

type Miss = Extract<PoolOutcome, { offered: false }>;

function offerTarget(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  target: Target,
  now: number,
): PoolOutcome {
  const { prefix, rule } = target;
  if (target.agentId === undefined) {
    if (!target.pool) return miss([...prefix, { code: 'unknownPool', pool: target.label }]);
    return offerFromPool(state, out, record, target.pool, now, { prefix, rule, balanced: target.balanced });
  }
  const agentId = target.agentId;
  const agent = state.agents.get(agentId);
  if (!agent) return miss([...prefix, { code: 'unknownPool', pool: target.label }]);
  const reason = ineligibility(state, agent);
  if (reason) {
    return miss(
      [...prefix, { code: 'notEligible', pool: target.label, standing: reason }],
      [{ agent: agentId, reason }],
    );
  }
  const max = state.settings.maxChatsPerAgent;
  makeOffer(state, out, record, agent, now, {
    pool: target.label,
    rule,
    whys: [...prefix, { code: 'offeredNamed', pool: target.label, load: agent.load, max }],
  });
  return { offered: true };
}

function miss(whys: Why[], skipped: Skip[] = []): Miss {
  return { offered: false, whys, skipped };
}
