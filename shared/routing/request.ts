import { evaluateCondition } from '../conditions/evaluate.ts';
import { agentsAvailable } from './queries.ts';
import { fallback, makeOffer, offerFromPool } from './offers.ts';
import type { Output } from './output.ts';
import { ineligibility, type RoutingState } from './state.ts';
import type { RoutingEvent, RoutingRule, VisitorRecord } from './types.ts';
import { plural } from './why.ts';

type Request = Extract<RoutingEvent, { type: 'request' }>;

/** A visitor asks for an agent (SPEC §4): trial limit first, then the card's routing mode. */
export function handleRequest(state: RoutingState, out: Output, ev: Request, now: number): void {
  const held = state.visitors.get(ev.visitor);
  if (held) {
    const what = held.phase === 'offered' ? 'an offer pending with' : 'a chat with';
    out.note({ at: now, visitor: ev.visitor, text: `request ignored: the visitor already has ${what} ${held.agent}` });
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
  const limit = state.settings.trialEngagementLimit;
  const pending = state.timers.size;
  if (state.plan === 'select' && state.engagements + pending >= limit) {
    const why =
      `the select plan's live-chat trial is used up: ${plural(state.engagements, 'engagement')} + ` +
      `${plural(pending, 'pending offer')} have reached the limit of ${limit}`;
    fallback(state, out, record, 'trial-limit-reached', why, now);
    return;
  }
  const routing = ev.routing;
  switch (routing.mode) {
    case 'roundRobin':
      return toPool(state, out, record, now, undefined, '');
    case 'team':
      return toTeam(state, out, record, routing.teamId, now, undefined, '');
    case 'agent':
      return toAgent(state, out, record, routing.agentId, now, undefined, '');
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
    const why = rules.length
      ? `custom rules: none of the ${plural(rules.length, 'rule')} matched (${rules.map((r) => r.id).join(', ')})`
      : 'custom rules: the workspace has no rules';
    return fallback(state, out, record, 'no-rule-matched', why, now);
  }
  const rule: RoutingRule = rules[index];
  const prefix = `rule "${rule.id}" matched (${index + 1} of ${rules.length}); `;
  if ('agentId' in rule.route) return toAgent(state, out, record, rule.route.agentId, now, rule.id, prefix);
  return toTeam(state, out, record, rule.route.teamId, now, rule.id, prefix);
}

function toPool(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  now: number,
  rule: string | undefined,
  prefix: string,
): void {
  const result = offerFromPool(state, out, record, state.roundRobin, now, { prefix, rule });
  if (!result.offered) noAgent(state, out, record, now, result.why, rule, state.roundRobin.label, result);
}

function toTeam(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  teamId: string,
  now: number,
  rule: string | undefined,
  prefix: string,
): void {
  const pool = state.teams.get(teamId);
  if (!pool) return noAgent(state, out, record, now, `${prefix}team ${teamId} is unknown`, rule, `team ${teamId}`);
  // Team routing, directly or through a rule, gets the prime/ultimate one-more-agent retry after a lapse.
  record.retryTeam = teamId;
  const result = offerFromPool(state, out, record, pool, now, { prefix, rule });
  if (!result.offered) noAgent(state, out, record, now, result.why, rule, pool.label, result);
}

function toAgent(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  agentId: string,
  now: number,
  rule: string | undefined,
  prefix: string,
): void {
  const agent = state.agents.get(agentId);
  const pool = `agent ${agentId}`;
  if (!agent) return noAgent(state, out, record, now, `${prefix}agent ${agentId} is unknown`, rule, pool);
  const reason = ineligibility(state, agent);
  if (reason) {
    const why = `${prefix}agent ${agentId} is not eligible (${reason})`;
    return noAgent(state, out, record, now, why, rule, pool, { skipped: [{ agent: agentId, reason }] });
  }
  const load = agent.load;
  const max = state.settings.maxChatsPerAgent;
  makeOffer(state, out, record, agent, now, {
    pool,
    ...(rule !== undefined ? { rule } : {}),
    why: `${prefix}agent ${agentId}: offered to the named agent (${load}/${max} chats before this one)`,
  });
}

function noAgent(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  now: number,
  why: string,
  rule: string | undefined,
  pool: string,
  skips: { skipped?: { agent: string; reason: string }[]; skippedMore?: number } = {},
): void {
  fallback(state, out, record, 'no-eligible-agent', why, now, {
    pool,
    ...(rule !== undefined ? { rule } : {}),
    ...(skips.skipped?.length ? { skipped: skips.skipped } : {}),
    ...(skips.skippedMore ? { skippedMore: skips.skippedMore } : {}),
  });
}
