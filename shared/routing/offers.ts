import type { Output } from './output.ts';
import type { Pool } from './pool.ts';
import { ineligibility, refreshAgent, type AgentState, type RoutingState } from './state.ts';
import type { Decision, FallbackReason, Skip, VisitorRecord } from './types.ts';
import { MAX_LISTED } from './why.ts';
import { englishWhy } from './whyRender.ts';
import { roundSecs, type Why } from './whys.ts';

type OfferDetail = Omit<Decision, 'at' | 'visitor' | 'event' | 'agent' | 'why'>;

/** Offers the visitor to `agent`: takes one of its chat slots and arms the accept timer. */
export function makeOffer(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  agent: AgentState,
  now: number,
  detail: OfferDetail,
): void {
  // One pending offer per visitor at a time, so visitor + offer number names an offer uniquely, also after a
  // restart that restores records.
  const id = `${record.visitor}#${++record.offers}`;
  const dueAt = now + state.settings.acceptTimeoutSec;
  agent.offers.add(record.visitor);
  refreshAgent(state, agent);
  record.phase = 'offered';
  record.agent = agent.id;
  record.offer = { id, agent: agent.id, offeredAt: now, dueAt };
  state.visitors.set(record.visitor, record);
  state.timers.push(id, dueAt, { kind: 'offer', record });
  state.pendingOffers++;
  state.visitorTimers++;
  out.arm.push({ offer: id, kind: 'offer', visitor: record.visitor, agent: agent.id, dueAt });
  // Every offer decision has the same keys in the same order (absent ones undefined, which JSON leaves out): one
  // object shape keeps the engine's hot path monomorphic.
  out.decide(record, {
    at: now,
    visitor: record.visitor,
    event: 'offered',
    agent: agent.id,
    pool: detail.pool,
    position: detail.position,
    poolSize: detail.poolSize,
    rule: detail.rule,
    retry: detail.retry,
    skipped: detail.skipped,
    skippedMore: detail.skippedMore,
    strategy: detail.strategy,
    waited: detail.waited,
    fallbackToRoundRobin: detail.fallbackToRoundRobin,
    whys: detail.whys,
    why: englishWhy(detail.whys),
  });
}

/** Removes the visitor's pending offer (accepted, declined, lapsed, withdrawn); returns the agent who held it. */
export function clearOffer(state: RoutingState, out: Output, record: VisitorRecord): AgentState | undefined {
  const offer = record.offer;
  if (!offer) return undefined;
  record.offer = undefined;
  if (state.timers.delete(offer.id)) {
    state.pendingOffers--;
    state.visitorTimers--;
  }
  out.cancel.push(offer.id);
  const agent = state.agents.get(offer.agent);
  if (agent) {
    agent.offers.delete(record.visitor);
    refreshAgent(state, agent);
  }
  return agent;
}

/** The visitor gets the fallback message (a missed chat); the engine forgets the visitor. */
export function fallback(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  reason: FallbackReason,
  whys: Why[],
  now: number,
  extra: Omit<Decision, 'at' | 'visitor' | 'event' | 'reason' | 'why' | 'whys'> = {},
): void {
  out.decide(record, {
    at: now,
    visitor: record.visitor,
    event: 'fallback',
    reason,
    ...extra,
    whys,
    why: englishWhy(whys),
  });
  close(state, record, now);
}

export function close(state: RoutingState, record: VisitorRecord, now: number): void {
  record.phase = 'closed';
  record.closedAt = now;
  if (state.visitors.get(record.visitor) === record) state.visitors.delete(record.visitor);
}

/** The result of looking for an agent in a pool: an offer was made, or why none could be. */
export type PoolOutcome = { offered: true } | { offered: false; whys: Why[]; skipped: Skip[]; skippedMore?: number };

export interface PoolOptions {
  /** The clauses before the pool's own (a matched rule, a lapse, the wait in a queue, …). */
  prefix?: Why[];
  rule?: string;
  /** The agent who just let an offer lapse (passed over by a retry), or the sender of a transfer. */
  exclude?: AgentState;
  excludeReason?: string;
  retry?: boolean;
  balanced?: boolean;
  fallbackToRoundRobin?: boolean;
  waited?: number;
  /** Makes the offer (a request's, or a transfer's); the default is a request offer. */
  offer?: (agent: AgentState, detail: OfferDetail) => void;
}

/**
 * Offers the visitor to an eligible agent of `pool`: the next in its rotation (moving the pool's cursor past that
 * agent), or with `balanced` the least loaded (moving no cursor) (SPEC §4). `exclude` is passed over. The
 * decision names the pool, the agent's place in it and the agents passed over, and why.
 */
export function offerFromPool(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  pool: Pool,
  now: number,
  opts: PoolOptions = {},
): PoolOutcome {
  const prefix = opts.prefix ?? [];
  const reasonOf = (a: AgentState): string =>
    a === opts.exclude ? (opts.excludeReason ?? 'let the last offer lapse') : (ineligibility(state, a) ?? 'eligible');
  const offer = opts.offer ?? ((agent, detail) => makeOffer(state, out, record, agent, now, detail));
  const common = {
    rule: opts.rule,
    retry: opts.retry ? (true as const) : undefined,
    waited: opts.waited,
    fallbackToRoundRobin: opts.fallbackToRoundRobin ? (true as const) : undefined,
  };
  if (opts.balanced) {
    const agent = pool.pickBalanced(opts.exclude);
    if (agent) {
      offer(agent, {
        pool: pool.label,
        strategy: 'balanced',
        ...common,
        whys: [...prefix, ...balancedWhys(pool, agent)],
      });
      return { offered: true };
    }
  } else {
    const pick = pool.pick(opts.exclude);
    if (pick) {
      const count = pool.distance(pick.start, pick.position);
      const skipped: Skip[] = [];
      for (const a of pool.walk(pick.start, count, MAX_LISTED)) skipped.push({ agent: a.id, reason: reasonOf(a) });
      const more = count - skipped.length;
      const whys: Why[] = [
        ...prefix,
        { code: 'offeredNext', pool: pool.label, agent: pick.agent.id, position: pick.position + 1, size: pool.size },
      ];
      if (skipped.length) whys.push({ code: 'skipped', skipped, ...(more > 0 ? { more } : {}) });
      pool.movePast(pick.position);
      offer(pick.agent, {
        pool: pool.label,
        position: pick.position + 1,
        poolSize: pool.size,
        ...common,
        skipped: skipped.length ? skipped : undefined,
        skippedMore: more > 0 ? more : undefined,
        whys,
      });
      return { offered: true };
    }
  }
  const all = pool.walk(pool.cursor, pool.size, MAX_LISTED).map((a) => ({ agent: a.id, reason: reasonOf(a) }));
  const more = Math.max(0, pool.size - all.length);
  const none: Why =
    pool.size === 0
      ? { code: 'emptyPool', pool: pool.label }
      : { code: 'noEligible', pool: pool.label, skipped: all, ...(more > 0 ? { more } : {}) };
  return {
    offered: false,
    whys: [...prefix, none],
    skipped: all,
    ...(more > 0 ? { skippedMore: more } : {}),
  };
}

/**
 * `round robin, balanced: offered to bea (holds 1 chat, idle since t=6s); then ann holds 3, cat holds 3`: the
 * pick and the next few in line, which is what decided.
 */
function balancedWhys(pool: Pool, agent: AgentState): Why[] {
  const others = pool.balanced
    .first(4)
    .filter((a) => a !== agent)
    .slice(0, 3);
  const whys: Why[] = [
    { code: 'balanced', pool: pool.label, agent: agent.id, load: agent.load, idle: roundSecs(agent.idleSince) },
  ];
  if (others.length) {
    const next = others.map((a) =>
      a.load === agent.load
        ? { agent: a.id, load: a.load, idle: roundSecs(a.idleSince) }
        : { agent: a.id, load: a.load },
    );
    whys.push({ code: 'balancedThen', next });
  }
  return whys;
}
