import { fallback, makeOffer, offerFromPool } from './offers.ts';
import type { Output } from './output.ts';
import type { Pool } from './pool.ts';
import type { AgentState, RoutingState } from './state.ts';
import type { VisitorRecord } from './types.ts';
import { WaitQueue } from './waitQueue.ts';
import { englishWhy } from './whyRender.ts';
import { roundSecs, type Why } from './whys.ts';

/**
 * The waiting queue (SPEC §4): one FIFO queue per pool (`round robin`, `team <id>`, `agent <id>`). A visitor
 * waits there when the pool has someone available but nobody eligible; when an agent becomes eligible, the
 * earliest-queued head among the queues of that agent's pools is offered before anything else, so nobody is
 * overtaken by a later visitor the same agent could take. Invariant after every step: no queue holds a visitor
 * while an agent of its pool is eligible.
 */

/**
 * One timer per queue, at its head's deadline: visitors join in time order and all wait `maxWaitSec`, so the head
 * is always the first to run out. The timer heap then holds offers and queues, not every waiting visitor.
 */
const timerKey = (pool: string) => `@queue ${pool}`;

/** Arms the queue's timer at its head's deadline, or clears it when the queue is empty. */
export function armQueue(state: RoutingState, out: Output, queue: WaitQueue): void {
  const key = timerKey(queue.pool);
  const head = queue.head();
  const had = state.timers.has(key);
  if (!head) {
    if (had) {
      state.timers.delete(key);
      state.visitorTimers--;
      out.cancel.push(key);
    }
    return;
  }
  const dueAt = head.queue!.since + state.settings.queue.maxWaitSec;
  if (had && state.timers.dueOf(key) === dueAt) return;
  if (!had) state.visitorTimers++;
  state.timers.push(key, dueAt, { kind: 'queue', queue });
  out.arm.push({ offer: key, kind: 'queue', visitor: head.visitor, dueAt });
}

/** Whether the pool named `label` has an agent online with the live-chat permission (a queue is worth waiting in). */
export function someoneAvailable(state: RoutingState, label: string, pool: Pool | undefined): boolean {
  if (pool) return pool.availableCount > 0;
  const agent = state.agents.get(label.slice('agent '.length));
  return agent?.available ?? false;
}

/**
 * Puts the visitor at the end of the pool's queue (decision `queued` with its 1-based position), or gives the
 * fallback `queue-full`. `whys` say why nobody could be offered.
 */
export function enqueue(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  label: string,
  why: Why[],
  now: number,
  rule: string | undefined,
): void {
  const { maxLength, maxWaitSec } = state.settings.queue;
  let queue = state.queues.get(label);
  if (queue && queue.length >= maxLength) {
    const full: Why[] = [...why, { code: 'queueFull', pool: label, length: queue.length, max: maxLength }];
    return fallback(state, out, record, 'queue-full', full, now, { pool: label, ...(rule ? { rule } : {}) });
  }
  if (!queue) state.queues.set(label, (queue = new WaitQueue(label)));
  record.phase = 'queued';
  record.agent = undefined;
  record.queue = { pool: label, since: now, seq: state.queueSeq++ };
  state.visitors.set(record.visitor, record);
  const position = queue.push(record);
  if (position === 1) armQueue(state, out, queue);
  const whys: Why[] = [...why, { code: 'queued', pool: label, position, secs: roundSecs(maxWaitSec) }];
  out.decide(record, {
    at: now,
    visitor: record.visitor,
    event: 'queued',
    position,
    pool: label,
    ...(rule ? { rule } : {}),
    whys,
    why: englishWhy(whys),
  });
  out.queueChanged(label);
}

/**
 * Takes the visitor out of its queue (offered, timed out, ended, left) and returns what `reportMoves` needs to
 * tell the visitors behind, once the caller has decided about this one.
 */
export function leaveQueue(state: RoutingState, out: Output, record: VisitorRecord): Moved | undefined {
  const q = record.queue;
  if (!q) return undefined;
  record.queue = undefined;
  const queue = state.queues.get(q.pool);
  if (!queue) return undefined;
  const was = queue.remove(record.visitor);
  out.queueChanged(q.pool);
  if (was === 1) armQueue(state, out, queue);
  if (queue.length === 0) state.queues.delete(q.pool);
  return { queue, was, visitor: record.visitor };
}

export interface Moved {
  queue: WaitQueue;
  was: number;
  visitor: string;
}

/** Visitors behind one who left move up; with `reportPositions` each gets a further `queued` line. */
export function reportMoves(state: RoutingState, out: Output, moved: Moved | undefined, now: number): void {
  if (!moved || !state.reportPositions || moved.was === 0 || moved.queue.length === 0) return;
  const { queue, was, visitor } = moved;
  let position = was;
  for (const behind of queue.from(was)) {
    const whys: Why[] = [{ code: 'queueMoved', visitor, was, pool: queue.pool, position }];
    out.decide(behind, {
      at: now,
      visitor: behind.visitor,
      event: 'queued',
      position,
      pool: queue.pool,
      whys,
      why: englishWhy(whys),
    });
    position++;
  }
}

/** The queue's deadline passed: the fallback `queue-timeout`. */
export function queueTimeout(state: RoutingState, out: Output, record: VisitorRecord, at: number): void {
  const pool = record.queue!.pool;
  const waited = at - record.queue!.since;
  const moved = leaveQueue(state, out, record);
  fallback(state, out, record, 'queue-timeout', [{ code: 'queueTimeout', secs: roundSecs(waited), pool }], at, {
    pool,
  });
  reportMoves(state, out, moved, at);
}

/**
 * Serves the queues of every agent that became eligible during this step: while such an agent is eligible and one
 * of its pools has visitors waiting, the earliest-queued head among those pools is offered (by its own routing's
 * strategy, so the offer may go to another agent of that pool who became eligible at the same time).
 */
export function serveQueues(state: RoutingState, out: Output, now: number): void {
  while (state.freed.length) {
    const agent = state.freed.pop()!;
    for (let served = 0; agent.eligible && served <= state.visitors.size; served++) {
      const queue = earliestFor(state, agent);
      if (!queue || !serveHead(state, out, queue, now)) break;
    }
  }
}

function earliestFor(state: RoutingState, agent: AgentState): WaitQueue | undefined {
  if (state.queues.size === 0) return undefined;
  let best: WaitQueue | undefined;
  const consider = (q: WaitQueue | undefined) => {
    if (q?.length && (!best || q.head()!.queue!.seq < best.head()!.queue!.seq)) best = q;
  };
  for (const pool of agent.slots.keys()) consider(state.queues.get(pool.label));
  consider(state.queues.get(`agent ${agent.id}`));
  return best;
}

/** Offers the head of `queue` to an eligible agent of its pool; false when nobody could be offered. */
function serveHead(state: RoutingState, out: Output, queue: WaitQueue, now: number): boolean {
  const record = queue.head()!;
  const label = queue.pool;
  const waited = now - record.queue!.since;
  const limit = state.settings.trialEngagementLimit;
  if (state.plan === 'select' && state.engagements + state.pendingOffers >= limit) {
    const moved = leaveQueue(state, out, record);
    const whys: Why[] = [{ code: 'trialUsedUpQueued', limit }];
    fallback(state, out, record, 'trial-limit-reached', whys, now, { pool: label });
    reportMoves(state, out, moved, now);
    return true;
  }
  const prefix: Why[] = [{ code: 'waited', secs: roundSecs(waited), pool: label }];
  if (label.startsWith('agent ')) {
    const agent = state.agents.get(label.slice('agent '.length));
    if (!agent?.eligible) return false;
    const moved = leaveQueue(state, out, record);
    const max = state.settings.maxChatsPerAgent;
    makeOffer(state, out, record, agent, now, {
      pool: label,
      waited,
      whys: [...prefix, { code: 'offeredNamed', pool: label, load: agent.load, max }],
    });
    reportMoves(state, out, moved, now);
    return true;
  }
  const pool = label === 'round robin' ? state.roundRobin : state.teams.get(label.slice('team '.length));
  if (!pool || pool.eligibleCount === 0) return false;
  const moved = leaveQueue(state, out, record);
  const balanced = label === 'round robin' ? record.routing.mode === 'balanced' : record.retryStrategy === 'balanced';
  const result = offerFromPool(state, out, record, pool, now, { prefix, balanced, waited });
  reportMoves(state, out, moved, now);
  return result.offered;
}

/**
 * A queue place restored after a restart, with its original arrival time and deadline (already past: the
 * fallback `queue-timeout` on this very step). Restore in arrival order: each goes to the end of its queue.
 */
export function enqueueRestored(state: RoutingState, out: Output, record: VisitorRecord): void {
  const q = record.queue!;
  let queue = state.queues.get(q.pool);
  if (!queue) {
    state.queues.set(q.pool, (queue = new WaitQueue(q.pool)));
    // Agents of the pool who are eligible already serve the restored queue before this step ends.
    const pool = q.pool === 'round robin' ? state.roundRobin : state.teams.get(q.pool.slice('team '.length));
    const members = q.pool.startsWith('agent ') ? [state.agents.get(q.pool.slice('agent '.length))] : pool?.members;
    for (const a of members ?? []) if (a?.eligible) state.freed.push(a);
  }
  record.agent = undefined;
  state.visitors.set(record.visitor, record);
  queue.push(record);
  state.queueSeq = Math.max(state.queueSeq, q.seq + 1);
  if (queue.length === 1) armQueue(state, out, queue);
  out.queueChanged(q.pool);
}
